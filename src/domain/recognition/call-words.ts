/**
 * The call's own words, from the notice: a mail whose subject or attachment names carry one of
 * them is about the call, even with no form in it (docs/relevance.md). Words that everyday office
 * mail also uses (通知, 附件, 报名) are left out on purpose: they would tie a meeting notice to the call.
 */
export const DEFAULT_CALL_WORDS: readonly string[] = Object.freeze([
  '科技活动周',
  '科技周',
  '科技工作者日',
  '主题实践活动',
  '推荐表',
  '统计表',
  '开展情况',
  '附件1',
  '附件2',
  '总结材料',
  '活动总结',
  '影像资料',
  '媒体报道',
]);
