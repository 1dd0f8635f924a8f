import { Type } from 'typebox'
import { Nullable, StringEnum } from './kit'
import { Role } from './statuses'

export const User = Type.Object({
  id: Type.String(),
  handle: Nullable(Type.String()),
  nickname: Type.String(),
  avatarUrl: Nullable(Type.String()),
  roles: Type.Array(StringEnum(Role)),
  commissionBps: Nullable(Type.Integer(), {
    description: 'leaders only: commission in basis points of the final value of picked-up orders',
  }),
})

export const AuthResponse = Type.Object({ token: Type.String(), user: User })

export const DevLoginRequest = Type.Object(
  {
    handle: Type.String({ pattern: '^[A-Za-z0-9_.-]{2,32}$' }),
    nickname: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    role: Type.Optional(StringEnum(Role)),
  },
  { additionalProperties: false },
)

export const WechatLoginRequest = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 128, description: 'from Taro.login' }) },
  { additionalProperties: false },
)

export const DemoUsersResponse = Type.Object({ users: Type.Array(User) })
