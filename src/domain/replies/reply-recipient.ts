/**
 * Where a reply goes. The From address is the sender the allowed-domain and DMARC checks vouch
 * for; a Reply-To is only a wish of whoever wrote the mail. An outsider could otherwise name an
 * address inside the campus as Reply-To and make the mailbox write to it (backscatter with our
 * name on it). So Reply-To is used only when it and From are both in an allowed domain. Pure.
 */
import type { Address } from '../mail/message.js';
import { isAllowedSender } from '../recognition/allowed-sender.js';

export function replyRecipient(from: Address, replyTo: readonly Address[], allowedDomains: readonly string[]): Address {
  const wish = replyTo.find((a) => a.address !== '');
  if (wish && isAllowedSender(from.address, allowedDomains) && isAllowedSender(wish.address, allowedDomains)) return wish;
  return from;
}
