/**
 * The kinds of mail a coordinator's work mailbox receives every day that have nothing to do with
 * the call: meeting notices, expense sheets, newsletters, journal review requests, read receipts,
 * OA notifications, students' requests and personal notes. Written in the style of Chinese
 * university office mail. People are invented; every address is on a reserved example domain.
 *
 * None of them carries the call's words in its subject or attachment names (those tie a mail to
 * the call by design); some mention the call in the body, which must not be enough.
 */

export type EverydayKind = 'meeting' | 'meeting-agenda' | 'expense' | 'newsletter' | 'journal-review' | 'read-receipt' | 'oa-notice' | 'student-request' | 'personal';

export const EVERYDAY_KINDS: readonly EverydayKind[] = ['meeting', 'meeting-agenda', 'expense', 'newsletter', 'journal-review', 'read-receipt', 'oa-notice', 'student-request', 'personal'];

export const COLLEAGUES = [
  { name: '王建国', address: 'wang.jianguo@example.edu.cn', office: '科学技术研究院 综合办公室' },
  { name: '李晓梅', address: 'li.xiaomei@example.edu.cn', office: '科学技术研究院 成果管理科' },
  { name: '赵志强', address: 'zhao.zhiqiang@example.edu.cn', office: '财务处 报销服务中心' },
  { name: '孙丽', address: 'sun.li@example.edu.cn', office: '党委宣传部' },
  { name: '钱磊', address: 'qian.lei@example.edu.cn', office: '实验室与设备管理处' },
  { name: '周婷', address: 'zhou.ting@example.edu.cn', office: '科学技术研究院 项目管理科' },
] as const;

export const FRIENDS = [
  { name: '小雨', address: 'xiaoyu1988@example.com' },
  { name: '妈妈', address: 'wu.mama@example.net' },
  { name: '老陈', address: 'chen.old@example.com' },
] as const;

export const STUDENTS = [
  { name: '杨帆', address: 'yangfan2023@example.edu.cn' },
  { name: '黄思远', address: 'huangsy@example.edu.cn' },
] as const;

export const MEETINGS = [
  { subject: '关于召开{month}月份科研秘书工作例会的通知', body: '各位老师：\n\n定于{day}下午2:30在科技大厦{room}会议室召开{month}月份科研秘书工作例会，主要内容为纵向项目中期检查安排及经费执行进度通报，请准时参加。\n\n如不能参会，请提前向综合办公室请假。' },
  { subject: '关于开展实验室安全隐患排查的通知', body: '各单位：\n\n根据学校安全工作部署，请于{day}前完成本单位实验室安全隐患自查，重点检查危险化学品存放、消防通道及用电安全。\n\n联系人：钱磊，电话：51688123。' },
  { subject: '关于调整本周组会时间的通知', body: '各位老师、同学：\n\n因会议室临时占用，本周组会改到{day}上午9点，地点{room}会议室。科技活动周相关事务另行通知。' },
  { subject: '学术委员会换届工作会议通知', body: '吴老师：\n\n学术委员会换届工作会议定于{day}上午10:00召开，会场设在图书馆{room}室，请您协助做好会务准备。\n\n谢谢！' },
] as const;

export const AGENDAS = [
  { subject: '关于召开{year}年度科研工作会议的通知', file: '会议议程.pdf', body: '各单位：\n\n学校定于{day}召开年度科研工作会议，会议议程见附件，请各单位主管科研工作的负责同志参加。' },
  { subject: '关于报送纵向科研项目经费执行情况的通知', file: '经费执行情况说明模板.docx', body: '各项目负责人：\n\n请于{day}前按附件模板报送项目经费执行情况说明，纸质版签字后交科技大厦{room}室。' },
] as const;

export const NEWSLETTERS = [
  { list: 'weekly.news.example.org', from: '科技期刊周报 <news@example.org>', subject: '【科技期刊周报】第{issue}期：开放获取政策新动向', html: '<h2>本期要闻</h2><p>国家科技期刊高质量发展行动计划中期评估启动。</p><p>多家出版机构更新开放获取政策。</p><p><a href="https://news.example.org/unsubscribe">退订</a></p>' },
  { list: 'lib.example.edu.cn', from: '图书馆信息服务 <library@example.edu.cn>', subject: '图书馆资源动态（第{issue}期）：新增数据库试用', html: '<p>新增数据库试用：工程技术文献库，试用截止至月底。</p><p>讲座预告：文献管理软件使用技巧。</p>' },
  { list: 'hr-notice.example.edu.cn', from: '人事处 <rsc@example.edu.cn>', subject: '人事处工作简报 第{issue}期', html: '<p>一、职称评审材料提交安排</p><p>二、教职工体检通知</p>' },
] as const;

export const JOURNALS = [
  { from: '《交通运输系统工程与信息》编辑部 <editor@journal.example.com>', subject: '审稿邀请：稿件编号 JT{year}-{issue}', body: '尊敬的吴老师：\n\n您好！稿件《基于多源数据的城市轨道交通客流预测方法》（编号 JT{year}-{issue}）拟请您审阅，如同意请在10日内登录投稿系统提交审稿意见。\n\n此致\n敬礼！\n编辑部' },
  { from: 'Editorial Office <eo@manuscripts.example.com>', subject: 'Invitation to review manuscript TRC-D-{year}-0{issue}', body: 'Dear Dr. Wu,\n\nWe would be grateful if you could review the manuscript "Resilience of metro networks under disruption" for Transportation Research Part C.\n\nPlease respond within 7 days.\n\nBest regards,\nEditorial Office' },
] as const;

export const RECEIPT_SUBJECTS = ['关于召开科研秘书工作例会的通知', '项目中期检查材料清单', '横向合同盖章流程说明'] as const;

export const OA_NOTICES = ['【OA】您有一条待办：经费报销审批（单号 BX{year}{issue}）', '【OA】公文传阅：关于做好暑期安全工作的通知', '【一卡通】您的校园卡本月消费账单已生成'] as const;

export const STUDENT_REQUESTS = [
  { subject: '请假申请-{name}', file: '请假条.docx', body: '吴老师您好：\n\n我因家中有事需请假三天（{day}起），请假条见附件，麻烦您审批，谢谢！\n\n{name}' },
  { subject: '{name}-助管工作月报', file: '助管工作记录.xlsx', body: '吴老师好，本月助管工作记录见附件，请您查看。' },
] as const;

export const PERSONAL = [
  { subject: '周末聚餐', file: '', body: '梦媛：\n\n周六晚上六点老地方聚一下？大家都说好久没见了。\n\n小雨' },
  { subject: '照片', file: '公园.png', body: '上周去公园拍的，给你看看。' },
  { subject: '回复：周末聚餐', file: '', body: '好的，我带上孩子一起去。' },
] as const;

/** Fills `{key}` placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
