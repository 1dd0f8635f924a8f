// How the share poster is drawn and saved: platform.weapp.ts (WeChat's type 2d canvas, the photo
// album) or platform.h5.ts (the browser's canvas, a download). Both draw with ./draw.
import type { MessageKey } from '@/i18n'
import type { PosterContent } from './draw'

/** The text the poster's QR code holds: a page path for WeChat's scanner, a full link for a phone camera. */
export declare function qrText(dealId: string, inviteCode: string | null): string

/** Draws the poster on the mounted canvas; resolves a URL an <Image> can show (a temp file or a data URL). */
export declare function drawPosterImage(data: PosterContent, photoUrl: string | undefined): Promise<string>

/** Saves the drawn poster: to the photo album in WeChat (asking again after a refusal), or as a download. */
export declare function savePoster(url: string, dealId: string): Promise<void>

/** What the poster and its button say here. */
export declare const posterWords: { scan: MessageKey; save: MessageKey; hint: MessageKey }
