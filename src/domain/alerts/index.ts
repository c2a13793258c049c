export { ALERT_INTERVAL_MS, alertKey, alertKinds, decideCondition, decideEvent, isCondition } from './alert-policy.js';
export type { AlertDecision, AlertHistory, AlertKind, Condition } from './alert-policy.js';
export { composeAlert, composeRecovery } from './compose-alert.js';
export type { AlertContext, ComposedAlert } from './compose-alert.js';
