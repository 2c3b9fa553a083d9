import { z } from 'zod';
import { AppStatus } from '../models/app-status.js';
import { request } from './define.js';

export const appRequests = {
  'app.status': request(z.object({}).default({}), AppStatus),
};
