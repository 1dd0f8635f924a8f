/**
 * The deal page's path as the mini-program opens it, carrying the sharer's invite code when there is
 * one: what share cards, the share poster's QR and the invite API hand out, and where the app goes to
 * show a deal.
 */
export function dealPath(dealId: string, inviteCode?: string | null): string {
  const invite = inviteCode ? `&invite=${encodeURIComponent(inviteCode)}` : ''
  return `/pages/deal/index?id=${encodeURIComponent(dealId)}${invite}`
}
