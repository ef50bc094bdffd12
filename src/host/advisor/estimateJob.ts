// What the editor asks the estimate worker and what it answers: plain data, copied between the
// extension host's thread and the worker's.
import type { EstimateRequest } from '../../core/advisor/estimate.ts';
import type { EstimateView } from '../../shared/protocol.ts';

/** An estimate request without its token counters: the worker makes those from the model names. */
export type EstimateJob = Omit<EstimateRequest, 'counters'> & { readonly id: number };

export type EstimateReply =
  | { readonly id: number; readonly estimates: readonly EstimateView[] }
  | { readonly id: number; readonly error: string };
