// Taro's Button and Text render as custom elements on H5; an explicit role keeps them readable
// for screen readers and tests (View already declares `role`).
import '@tarojs/components/types/Button'
import '@tarojs/components/types/Text'
import '@tarojs/components/types/Image'

declare module '@tarojs/components/types/Button' {
  interface ButtonProps {
    role?: string
  }
}

declare module '@tarojs/components/types/Text' {
  interface TextProps {
    role?: string
  }
}

// a named picture (the pickup code) on H5: see imageLabel in src/platform
declare module '@tarojs/components/types/Image' {
  interface ImageProps {
    role?: string
  }
}
