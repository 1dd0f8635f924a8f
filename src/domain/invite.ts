/**
 * The deal page's path as the mini-program opens it, carrying the sharer's invite code when there is
 * one: what share cards, the share poster's QR and the invite API all hand out.
 */
export function invitePath(dealId: string, inviteCode: string | null | undefined): string {
  const invite = inviteCode ? `&invite=${encodeURIComponent(inviteCode)}` : ''
  return `/pages/deal/index?id=${encodeURIComponent(dealId)}${invite}`
}
