/**
 * A unit's record changes only through mail from an allowed domain that our own receiving server
 * does not mark as a DMARC failure (docs/trust.md). Mail that
 * fails either check is held for the coordinator: it is judged (she sees what it carried) but
 * never becomes a unit's version and is never answered, until she decides. Pure.
 */
import { dmarcFailure } from '../mail/dmarc-result.js';
import { domainOf, isAllowedSender } from '../recognition/allowed-sender.js';

export interface SenderHold {
  reason: 'outside_domain' | 'suspected_forgery';
  /** Chinese, for the coordinator's digest. */
  detail: string;
}

export interface SenderFacts {
  fromAddress: string;
  /** The mail's Authentication-Results header values, as received. */
  authenticationResults?: readonly string[] | undefined;
}

export interface SenderPolicy {
  allowedDomains: readonly string[];
  /** Our receiving server's authserv-id; null when not configured (no DMARC check then). */
  authservId: string | null;
}

export function senderHold(facts: SenderFacts, policy: SenderPolicy): SenderHold | null {
  const from = facts.fromAddress.trim().toLowerCase();
  if (!isAllowedSender(from, policy.allowedDomains)) {
    return {
      reason: 'outside_domain',
      detail: `发件地址 ${from || '（空）'} 不在允许的邮箱域名（${policy.allowedDomains.join('、')}）内，邮件未计入任何单位，也未自动回复。如确为某单位提交，请指定单位后放行。`,
    };
  }
  const fromDomain = domainOf(from);
  if (policy.authservId && fromDomain) {
    const failed = dmarcFailure(facts.authenticationResults ?? [], { authservId: policy.authservId, fromDomain });
    if (failed) {
      return {
        reason: 'suspected_forgery',
        detail: `学校收信服务器判定此邮件未通过发件域 ${fromDomain} 的 DMARC 验证（${failed.detail}），可能是冒用 ${from} 发出的，未计入单位记录，也未自动回复。请与该单位核实后再处理。`,
      };
    }
  }
  return null;
}
