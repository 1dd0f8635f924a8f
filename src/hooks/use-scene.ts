import { useEffect, useState } from 'react'
import { resolveScene } from '@/api/wxacode'

export interface DealEntry {
  id: string
  invite: string | undefined
  /** a scanned code's scene is still being looked up: show the page as loading */
  pending: boolean
}

/** WeChat hands the page the scene URL-encoded; a malformed one is read as it is. */
function decoded(scene: string): string {
  try {
    return decodeURIComponent(scene)
  } catch {
    return scene
  }
}

/**
 * Which deal the deal page opens, and with whose invite: `id` and `invite` from its path (a share
 * card, a link), or, opened by scanning a poster's mini-program code, the code's `scene`, which
 * the server resolves to both. A scene it does not know opens no deal (the page says so).
 */
export function useDealEntry(params: Partial<Record<string, string>>): DealEntry {
  const scene = !params.id && params.scene ? decoded(params.scene) : ''
  const [resolved, setResolved] = useState<{ scene: string; id: string; invite: string | undefined } | null>(null)

  useEffect(() => {
    if (!scene) return
    let live = true
    resolveScene(scene).then(
      (r) => live && setResolved({ scene, id: r.dealId, invite: r.inviteCode ?? undefined }),
      () => live && setResolved({ scene, id: '', invite: undefined }),
    )
    return () => {
      live = false
    }
  }, [scene])

  if (!scene) return { id: params.id ?? '', invite: params.invite || undefined, pending: false }
  if (resolved?.scene === scene) return { id: resolved.id, invite: resolved.invite, pending: false }
  return { id: '', invite: undefined, pending: true }
}
