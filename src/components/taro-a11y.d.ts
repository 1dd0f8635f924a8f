// Taro's Button and Text render as custom elements on H5; an explicit role keeps them readable
// for screen readers and tests (View already declares `role`).
import '@tarojs/components/types/Button'
import '@tarojs/components/types/Text'

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
