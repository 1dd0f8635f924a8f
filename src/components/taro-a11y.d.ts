// Taro's Button renders as a custom element on H5; an explicit role keeps it a button for
// screen readers and tests (View already declares `role`).
import '@tarojs/components/types/Button'

declare module '@tarojs/components/types/Button' {
  interface ButtonProps {
    role?: string
  }
}
