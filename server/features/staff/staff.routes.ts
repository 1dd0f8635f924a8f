import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ArrivalResult,
  IdParams,
  MyCountersResponse,
  Ok,
  replies,
  StaffArrivalRequest,
  StaffArrivalsResponse,
  StaffInviteParams,
  StaffInviteResponse,
  StaffInviteViewResponse,
  StaffListResponse,
  StaffPointResponse,
} from '../../../types/contract'
import { currentUser, requireRole, requireUser } from '../../http/auth'
import * as service from './staff.service'

const doc = (summary: string) => ({ tags: ['pickup staff'], summary, security: [{ bearer: [] }] })

/** 核销员: the leader invites, lists and removes; the invitee accepts; staff mark arrivals at their point. */
export const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const leader = requireRole('leader')

  app.post(
    '/leader/pickup-points/:id/staff-invites',
    {
      preHandler: leader,
      schema: {
        ...doc('核销员: invite someone to verify codes at one of my points (a link, used once, expiring)'),
        params: IdParams,
        response: replies({ 200: StaffInviteResponse }),
      },
    },
    async (request) => service.invite(ctx, currentUser(request), request.params.id),
  )

  app.get(
    '/leader/staff',
    { preHandler: leader, schema: { ...doc('核销员: the staff at my points'), response: replies({ 200: StaffListResponse }) } },
    async (request) => service.listStaff(ctx, currentUser(request)),
  )

  app.delete(
    '/leader/staff/:id',
    {
      preHandler: leader,
      schema: {
        ...doc('核销员: remove a staff member at once (their next verification is refused)'),
        params: IdParams,
        response: replies({ 200: Ok }),
      },
    },
    async (request) => service.removeStaff(ctx, currentUser(request), request.params.id),
  )

  app.get(
    '/staff-invites/:code',
    {
      preHandler: requireUser,
      schema: {
        ...doc('核销员: the point and leader an invite is for, before accepting'),
        params: StaffInviteParams,
        response: replies({ 200: StaffInviteViewResponse }),
      },
    },
    async (request) => service.viewInvite(ctx, currentUser(request), request.params.code),
  )

  app.post(
    '/staff-invites/:code/accept',
    {
      preHandler: requireUser,
      schema: {
        ...doc('核销员: accept an invite and become staff at its point'),
        params: StaffInviteParams,
        response: replies({ 200: StaffPointResponse }),
      },
    },
    async (request) => service.acceptInvite(ctx, currentUser(request), request.params.code),
  )

  app.get(
    '/me/counters',
    {
      preHandler: requireUser,
      schema: {
        ...doc('the pickup points I verify at: my own as a leader, and those I am staff at'),
        response: replies({ 200: MyCountersResponse }),
      },
    },
    async (request) => service.myCounters(ctx, currentUser(request)),
  )

  app.get(
    '/staff/arrivals',
    {
      preHandler: requireUser,
      schema: {
        ...doc('到货 by staff: deals whose goods are still to arrive at the points I am staff at'),
        response: replies({ 200: StaffArrivalsResponse }),
      },
    },
    async (request) => service.arrivalsToMark(ctx, currentUser(request)),
  )

  app.post(
    '/staff/arrivals',
    {
      preHandler: requireUser,
      schema: {
        ...doc('到货 by staff: goods arrived at a point I am staff at'),
        body: StaffArrivalRequest,
        response: replies({ 200: ArrivalResult }),
      },
    },
    async (request) => service.staffArrival(ctx, currentUser(request), request.body.dealId, request.body.pickupPointId),
  )
}
