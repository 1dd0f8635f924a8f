import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { AuthResponse, User } from '../../types/api'
import { taroStorage } from './taro-storage'

interface SessionState {
  token: string | null
  user: User | null
  signIn: (auth: AuthResponse) => void
  setUser: (user: User) => void
  signOut: () => void
  reset: () => void
}

const initial = { token: null, user: null }

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      ...initial,
      signIn: ({ token, user }) => set({ token, user }),
      setUser: (user) => set({ user }),
      signOut: () => set(initial),
      reset: () => set(initial),
    }),
    {
      name: 'linli-session',
      storage: taroStorage,
      partialize: ({ token, user }) => ({ token, user }),
    },
  ),
)
