import { z } from 'zod';
import { UsageSummary } from '../models/usage.js';
import { request } from './define.js';

export const usageRequests = {
  /** Tokens and cost over every run that reported usage: in total, per agent and per project. */
  'usage.summary': request(z.object({}).default({}), UsageSummary),
};
