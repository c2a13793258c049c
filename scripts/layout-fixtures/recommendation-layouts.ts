/**
 * 推荐表 layouts as units draw them: the header block as a small table (values under the labels),
 * section rows and a 合计 row; labels with values two cells to the right; a two-row header
 * (活动时间 over 开始 / 结束, 负责人 over 姓名 / 联系电话). Mobiles are typed in groups.
 * Columns A–M: 序号 名称 类别 形式 开始 结束 地点 面向对象 预计人数 负责人 电话 简介 备注.
 */
import { D, type LayoutCell, type LayoutSpec } from './layout-spec.js';

const TITLE = '2025年全国科技活动周和全国科技工作者日特色群众性主题实践活动推荐表';
const PHONE_HINT = '请填写 11 位手机号码，或“区号-座机号码”（如 010-6xxxxxxx，分机可写“转123”）；多个号码用顿号“、”分隔';

type Activity = LayoutCell[];
const withPhone = (a: Activity, phone: string): Activity => a.map((v, i) => (i === 10 ? phone : v));
const ai = (seq: number): Activity => [seq, '人工智能进校园科普讲座', '成果科普', '线下', D('2025-05-20'), D('2025-05-20'), '思源楼报告厅', '本科生', 200, '李明', '13800138000', '邀请人工智能领域专家介绍大模型原理与应用，现场互动答疑。', null];
const exhibit = (seq: number): Activity => [seq, '科学家精神主题展', '科学家精神', '线上线下', D('2025-05-24'), D('2025-05-31'), '图书馆一层展厅；学校官网', '全校师生', 1500, '赵华', '010-51680002', '展示老一辈科学家事迹，同步推出线上展厅。', '与图书馆合办'];
const lab = (seq: number): Activity => [seq, '实验室开放日', '成果科普', '线下', D('2025-05-30'), D('2025-05-30'), '机房楼', '中学生', 80, '孙强', '13911112222', '开放高性能计算实验室，演示超算与可视化。', null];
const live = (seq: number): Activity => [seq, '网络安全知识直播', '网络宣传', '线上', D('2025-06-03'), D('2025-06-03'), 'B站直播间', '社会公众', 3000, '周敏', '13700001111', '直播讲解反诈与个人信息保护常识。', null];

const at = (cells: Record<number, LayoutCell>, n = 13): LayoutCell[] => Array.from({ length: n }, (_, i) => cells[i] ?? null);
const HEADER_ROW = ['序号', '活动名称', '活动类别', '活动形式', '开始日期', '结束日期', '活动地点', '面向对象', '预计参与人数', '负责人', '联系电话', '活动简介', '备注'];

const sections: LayoutSpec = {
  name: '推荐表-sections-header-below',
  sheet: '推荐表',
  story: 'a unit draws the 推荐表 with the header block as a small table (values under the labels), section rows, a 合计 row, a footnote, signature lines and mobiles typed in groups',
  rows: [
    at({ 0: TITLE }),
    at({ 0: '推荐单位', 3: '联系人', 5: '联系电话', 7: '电子邮箱' }),
    at({ 0: '计算机科学与技术学院', 3: '王老师', 5: '138 0013 8000', 7: 'kx@example.edu.cn' }),
    at({}),
    HEADER_ROW,
    at({ 0: '一、线下活动' }),
    withPhone(ai(1), '139 1234 5678'),
    withPhone(lab(2), '139-1234-5678'),
    at({ 0: '二、线上活动' }),
    withPhone(live(3), '137 0000 1111、010-51680002'),
    at({ 0: '合计', 8: 3280 }),
    at({ 0: '注：活动类别请从下拉列表中选择；同一活动跨多日的，填写起止日期。' }),
    at({ 0: '填表人：王老师', 4: '审核人：张主任', 9: '日期：2025年5月5日' }),
  ],
  merges: ['A1:M1', 'A2:C2', 'D2:E2', 'F2:G2', 'H2:J2', 'A3:C3', 'D3:E3', 'F3:G3', 'H3:J3', 'A6:M6', 'A11:H11', 'A12:M12'],
  formats: ['xlsx', 'ods', 'xls', 'csv-utf8', 'csv-gbk'],
  expect: {
    deliverable: 'recommendation',
    status: 'accepted',
    activities: 3,
    problems: [],
    skipped: [
      { row: 6, kind: 'section' },
      { row: 9, kind: 'section' },
      { row: 11, kind: 'totals' },
      { row: 12, kind: 'footnote' },
      { row: 13, kind: 'signature' },
    ],
    header: { unit: '计算机科学与技术学院', contact: '王老师', phone: '138 0013 8000', email: 'kx@example.edu.cn' },
  },
};

const offsets: LayoutSpec = {
  name: '推荐表-header-offsets-errors',
  sheet: '推荐表',
  story: 'a unit types header values two cells right of their labels or after the colon, writes 约200 and a ten-digit mobile',
  rows: [
    at({ 0: TITLE }),
    at({ 0: '推荐单位：', 3: '经济管理学院', 7: '联系人：刘老师' }),
    at({ 0: '联系电话：', 3: '135 1111 2222', 7: '电子邮箱：', 9: 'jg@example.edu.cn' }),
    HEADER_ROW,
    ai(1),
    exhibit(2).map((v, i) => (i === 8 ? '约200' : v)),
    withPhone(lab(3), '1391111222'),
  ],
  merges: ['A1:M1', 'A2:B2', 'H3:I3'],
  formats: ['xlsx'],
  expect: {
    deliverable: 'recommendation',
    status: 'needs_correction',
    activities: 3,
    problems: [
      { severity: 'error', cell: 'I6', column: '预计参与人数', message: '第6行「预计参与人数」(I6) 填写为“约200”，请填写确切的数字，只写阿拉伯数字，如 200（不要加“约”“+”“余”等字）。' },
      { severity: 'error', cell: 'K7', column: '联系电话', message: `第7行「联系电话」(K7) 填写为“1391111222”，无法识别为电话号码，${PHONE_HINT}。` },
    ],
    header: { unit: '经济管理学院', contact: '刘老师', phone: '135 1111 2222', email: 'jg@example.edu.cn' },
  },
};

const twoRowTop: LayoutCell[][] = [
  at({ 0: TITLE }),
  at({ 0: '推荐单位：计算机科学与技术学院', 6: '联系人：王老师', 9: '联系电话：13800138000' }),
  at({ 0: '电子邮箱：kx@example.edu.cn' }),
  at({ 0: '序号', 1: '活动名称', 2: '活动类别', 3: '活动形式', 4: '活动时间', 6: '活动地点', 7: '面向对象', 8: '预计参与人数', 9: '负责人', 11: '活动简介', 12: '备注' }),
  at({ 4: '开始', 5: '结束', 9: '姓名', 10: '联系电话' }),
];
const twoRowMerges = ['A1:M1', 'A2:F2', 'G2:I2', 'J2:M2', 'A3:F3', 'A4:A5', 'B4:B5', 'C4:C5', 'D4:D5', 'E4:F4', 'G4:G5', 'H4:H5', 'I4:I5', 'J4:K4', 'L4:L5', 'M4:M5'];

const twoRows: LayoutSpec = {
  name: '推荐表-two-row-header',
  sheet: '推荐表',
  story: 'a unit draws the 推荐表 with a two-row header: 活动时间 over 开始 / 结束, 负责人 over 姓名 / 联系电话',
  rows: [...twoRowTop, ai(1), exhibit(2), lab(3), live(4)],
  merges: twoRowMerges,
  formats: ['xlsx', 'csv-gbk'],
  expect: {
    deliverable: 'recommendation',
    status: 'accepted',
    activities: 4,
    problems: [],
    header: { unit: '计算机科学与技术学院', contact: '王老师', phone: '13800138000', email: 'kx@example.edu.cn' },
  },
};

const twoRowErrors: LayoutSpec = {
  ...twoRows,
  name: '推荐表-two-row-header-errors',
  story: 'a unit draws the 推荐表 with a two-row header, ends an activity before it starts and types a ten-digit mobile under 负责人 › 联系电话 (named by the child, which is the column\'s own label)',
  rows: [...twoRowTop, ai(1).map((v, i) => (i === 5 ? D('2025-05-18') : v)), withPhone(exhibit(2), '1380013800'), lab(3)],
  formats: ['xlsx'],
  expect: {
    ...twoRows.expect,
    status: 'needs_correction',
    activities: 3,
    problems: [
      { severity: 'error', cell: 'F6', column: '活动时间/结束', message: '第6行「活动时间/结束」(F6) 为 2025-05-18，早于开始日期 2025-05-20，结束日期不能早于开始日期，请核对。' },
      { severity: 'error', cell: 'K7', column: '联系电话', message: `第7行「联系电话」(K7) 填写为“1380013800”，无法识别为电话号码，${PHONE_HINT}。` },
    ],
  },
};

export const recommendationLayouts: LayoutSpec[] = [sections, offsets, twoRows, twoRowErrors];
