import { Type } from 'typebox'
import { Instant, Nullable, StringEnum } from './kit'
import { PickupPointInput } from './pickup-points'
import { LeaderApplicationStatus } from './statuses'

/** Longest texts an application may have (characters). */
export const APPLICATION_LIMITS = { name: 20, community: 40, reason: 200 } as const

/** `POST /leader-applications`: a neighbour asks to become a leader, with their first pickup point. */
export const LeaderApplicationInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: APPLICATION_LIMITS.name }),
    community: Type.String({ minLength: 1, maxLength: APPLICATION_LIMITS.community }),
    phone: Type.String({ minLength: 11, maxLength: 11 }),
    pickupPoint: PickupPointInput,
  },
  { additionalProperties: false },
)

export const LeaderApplication = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  nickname: Type.String(),
  name: Type.String(),
  community: Type.String(),
  phone: Type.String(),
  pickupPoint: PickupPointInput,
  status: StringEnum(LeaderApplicationStatus),
  rejectReason: Nullable(Type.String()),
  commissionBps: Nullable(Type.Integer()),
  pickupPointId: Nullable(Type.String(), { description: 'the pickup point created on approval' }),
  createdAt: Instant(),
  reviewedAt: Nullable(Instant()),
})

export const MyLeaderApplicationResponse = Type.Object({ application: Nullable(LeaderApplication) })
export const LeaderApplicationListResponse = Type.Object({ applications: Type.Array(LeaderApplication) })
export const LeaderApplicationQuery = Type.Object({ status: Type.Optional(StringEnum(LeaderApplicationStatus)) }, { additionalProperties: false })

export const ApproveApplicationRequest = Type.Unsafe<{ commissionBps?: number } | null>({
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { commissionBps: Type.Integer({ minimum: 0, maximum: 3000, description: '佣金 basis points' }) },
})

export const RejectApplicationRequest = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: APPLICATION_LIMITS.reason, description: 'the applicant will read it' }) },
  { additionalProperties: false },
)
