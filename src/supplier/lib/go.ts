/** A supplier console page's path, with its query. */
export const goSupplier = (page: string, query: Record<string, string> = {}) => {
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return `/supplier/pages/${page}/index${qs ? `?${qs}` : ''}`
}

/** The wallet (PAYOUTS' page in the leader subpackage) for the supplier's own account. */
export const SUPPLIER_WALLET = '/leader/pages/wallet/index?owner=supplier'
