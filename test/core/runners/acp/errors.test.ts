import { RequestError } from '@agentclientprotocol/sdk';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../../../electron/core/runners/acp/errors.js';

describe('errorText', () => {
  it("keeps the agent's own message that the SDK puts in an Internal error's data.details", () => {
    // What gemini's session/load answered: the exception's text was dropped, leaving "Internal error".
    expect(errorText(RequestError.internalError({ details: 'No previous sessions found for this project.' }))).toBe('Internal error (No previous sessions found for this project.)');
    expect(errorText({ code: -32603, message: 'Internal error', data: 'plain text' })).toBe('Internal error (plain text)');
    expect(errorText(new Error('boom'))).toBe('boom');
  });

  it('never dumps a whole data object (it may carry credentials)', () => {
    expect(errorText({ code: -32603, message: 'Internal error', data: { env: { TOKEN: 'secret' } } })).toBe('Internal error');
  });
});
