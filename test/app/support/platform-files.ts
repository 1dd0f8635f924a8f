// Type-only, never run: each platform file gives what its .d.ts promises (the .d.ts is what the pages
// type against; Taro's build swaps in the .h5 or .weapp file). `npm run typecheck` checks this file.
import type * as Shared from '@/platform'
import type * as SharedH5 from '@/platform/index.h5'
import type * as SharedWeapp from '@/platform/index.weapp'
import type * as SignIn from '@/components/sign-in'
import type * as SignInH5 from '@/components/sign-in.h5'
import type * as SignInWeapp from '@/components/sign-in.weapp'
import type * as Poster from '@/components/share-poster/platform'
import type * as PosterH5 from '@/components/share-poster/platform.h5'
import type * as PosterWeapp from '@/components/share-poster/platform.weapp'
import type * as PointsMap from '@/shopper/pages/pickup-points/points-map'
import type * as PointsMapH5 from '@/shopper/pages/pickup-points/points-map.h5'
import type * as PointsMapWeapp from '@/shopper/pages/pickup-points/points-map.weapp'
import type * as Leader from '@/leader/lib/platform'
import type * as LeaderH5 from '@/leader/lib/platform.h5'
import type * as LeaderWeapp from '@/leader/lib/platform.weapp'
// a photo compressed before upload
import type * as Compress from '@/shopper/lib/compress-photo'
import type * as CompressH5 from '@/shopper/lib/compress-photo.h5'
import type * as CompressWeapp from '@/shopper/lib/compress-photo.weapp'

type Gives<Promised, File extends Promised> = File

export type PlatformFiles = [
  Gives<typeof Shared, typeof SharedH5>,
  Gives<typeof Shared, typeof SharedWeapp>,
  Gives<typeof SignIn, typeof SignInH5>,
  Gives<typeof SignIn, typeof SignInWeapp>,
  Gives<typeof Poster, typeof PosterH5>,
  Gives<typeof Poster, typeof PosterWeapp>,
  Gives<typeof PointsMap, typeof PointsMapH5>,
  Gives<typeof PointsMap, typeof PointsMapWeapp>,
  Gives<typeof Leader, typeof LeaderH5>,
  Gives<typeof Compress, typeof CompressH5>,
  Gives<typeof Compress, typeof CompressWeapp>,
  Gives<typeof Leader, typeof LeaderWeapp>,
]
