/** The handler of each operation, by operationId. */
import type { OperationHandler } from './context.ts';
import { verifyDuo } from './duo-verify.ts';
import { authenticateKba } from './kba-authenticate.ts';
import { verifyOkta } from './okta-verify.ts';
import { pollVerification } from './poll.ts';
import { sendToken } from './send-token.ts';
import { authenticateToken } from './token-authenticate.ts';

export const operationHandlers: Record<string, OperationHandler<never>> = {
  createSendToken: sendToken as OperationHandler<never>,
  pingVerificationStatus: pollVerification as OperationHandler<never>,
  sendDuoVerifyRequest: verifyDuo as OperationHandler<never>,
  sendKbaAnswers: authenticateKba as OperationHandler<never>,
  sendOktaVerifyRequest: verifyOkta as OperationHandler<never>,
  sendTokenAuthRequest: authenticateToken as OperationHandler<never>,
};
