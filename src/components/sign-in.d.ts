import type { ReactElement } from 'react'

/**
 * `signIn()` resolves true once there is a session: in WeChat through Taro.login
 * (sign-in.weapp.tsx), on H5 through the demo-user picker, only where the server offers dev login
 * (sign-in.h5.tsx). Render `sheet` somewhere on the page.
 */
export declare function useSignIn(): { signIn: () => Promise<boolean>; sheet: ReactElement | null }
