/**
 * Forms drawn the way particular units draw them — not from the template and not from the layout
 * fixtures: each sheet is typed cell by cell as that unit's own file has it, errors included.
 * Cells are given A1-style so the drawing reads like the unit's sheet.
 */
import ExcelJS from 'exceljs';

type Value = string | number | Date;
export interface Drawn { name: string; sheet: string; cells: Record<string, Value>; merges: string[] }

const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** Writes the drawing: real dates get a date format, long texts wrap as units' cells do. */
export function toWorkbook(drawn: Drawn): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet(drawn.sheet);
  for (const [ref, value] of Object.entries(drawn.cells)) {
    const cell = s.getCell(ref);
    cell.value = value;
    if (value instanceof Date) cell.numFmt = 'yyyy/m/d';
    cell.alignment = { wrapText: true, vertical: 'middle' };
  }
  for (const m of drawn.merges) s.mergeCells(m);
  return wb;
}

const row = (r: number, values: (Value | null)[], from = 'A'): Record<string, Value> => {
  const out: Record<string, Value> = {};
  values.forEach((v, i) => { if (v !== null) out[`${String.fromCharCode(from.charCodeAt(0) + i)}${r}`] = v; });
  return out;
};

/** 电气学院: 附件1 over a long title, two-row header (活动时间, 活动负责人), seeded: a made-up category and April dates. */
export const electrical: Drawn = {
  name: '电气学院-2025科技活动周推荐表.xlsx',
  sheet: 'Sheet1',
  merges: ['A2:M2', 'A3:F3', 'G3:I3', 'J3:M3', 'A4:F4', 'A5:A6', 'B5:B6', 'C5:C6', 'D5:D6', 'E5:F5', 'G5:G6', 'H5:H6', 'I5:I6', 'J5:K5', 'L5:L6', 'M5:M6'],
  cells: {
    A1: '附件1',
    A2: '2025年全国科技活动周和全国科技工作者日\n特色群众性主题实践活动推荐表',
    A3: '推荐单位（盖章）：电气工程学院', G3: '联系人：孙老师', J3: '手机：158 0101 2323',
    A4: '邮箱：dq@example.edu.cn',
    ...row(5, ['序号', '活动名称\n（不超过50字）', '活动类别*', '活动形式', '活动时间', null, '活动地点', '面向对象', '预计参与人数', '活动负责人', null, '活动简介\n（500字以内）', '备注']),
    ...row(6, ['起始日期', '结束日期'], 'E'),
    ...row(6, ['姓名', '手机'], 'J'),
    ...row(7, [1, '电力科普进社区', '群众实践', '线下', d('2025-05-17'), d('2025-05-17'), '学院路社区活动中心', '社区居民', 150, '刘洋', '158 0101 2323', '学生志愿者走进社区讲解安全用电与节能知识。', null]),
    ...row(8, [2, '新能源汽车与智能电网讲座', '成果科普', '线上线下', '2025.5.22', '2025.5.22', '电气楼报告厅/腾讯会议', '全校师生', 300, '陈静', '010-51684567', '邀请行业专家讲解新能源汽车与电网互动技术。', '可直播']),
    ...row(9, [3, '老一辈电气科学家事迹宣讲', '科学家精神宣讲', '线下', '2025年4月28日', '2025年4月28日', '第一教学楼', '本科生', 120, '王磊', '13720203030', '讲述学院老一辈科学家的科研故事。', null]),
  },
};

/** 交运学院: typed in Excel from last year's file — 填报人, a grouped landline, sections, 数量 under 媒体报道. */
export const transport: Drawn = {
  name: '交运学院统计表(最终版).xlsx',
  sheet: '统计表 ',
  merges: ['A1:N1', 'A2:D2', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:E4', 'F3:F4', 'G3:G4', 'H3:H4', 'I3:J3', 'K3:K4', 'L3:M3', 'N3:N4', 'A5:N5', 'A8:N8', 'A10:G10', 'A11:N11'],
  cells: {
    A1: '2025年科技活动周及科技工作者日活动开展情况统计表',
    A2: '填报单位：交通运输学院', F2: '填报人：', G2: '马老师', I2: '联系电话：', J2: '010 5168 8000',
    ...row(3, ['序号', '活动名称', '活动类别', '活动形式', '开始时间', '结束时间', '活动地点', '场次', '参与人数（人次）', null, '参与科技工作者人数', '媒体报道', null, '备注']),
    ...row(4, ['线下', '线上'], 'I'),
    ...row(4, ['数量', '链接'], 'L'),
    A5: '一、科技活动周期间',
    ...row(6, [1, '智慧交通开放实验室', '成果科普', '线下', d('2025-05-24'), d('2025-05-25'), '交通运输实验中心', 2, 260, 0, 18, 1, 'https://news.example.edu.cn/jy/0526.html', null]),
    ...row(7, [2, '轨道交通科普展', '成果科普', '线下', d('2025-05-27'), d('2025-05-29'), '图书馆展厅', 3, 900, 0, 10, 3, null, '报道链接另附']),
    A8: '二、科技工作者日',
    ...row(9, [3, '青年科技工作者线上分享会', '科学家精神', '线上', d('2025-05-30'), d('2025-05-30'), '腾讯会议', 1, 0, 0, 25, 0, null, null]),
    A10: '合计', ...row(10, [6, 1160, 0, 53, 4], 'H'),
    A11: '备注：数据统计截至2025年6月10日。',
  },
};

/** 马院: a plain one-row header, the header block as label/value pairs; sent as .csv in GBK. */
export const marxism: Drawn = {
  name: '马克思主义学院统计表',
  sheet: '统计表',
  merges: [],
  cells: {
    A1: '填报单位', B1: '马克思主义学院',
    A2: '联系人', B2: '赵老师', C2: '联系电话', D2: '13911223344',
    ...row(3, ['序号', '活动名称', '活动类别', '活动形式', '开始日期', '结束日期', '活动地点', '场次', '线下参与人次', '线上参与人次', '参与科技工作者人数', '媒体报道数', '报道链接', '备注']),
    ...row(4, [1, '科学家精神主题读书会', '科学家精神', '线下', '2025/5/21', '2025/5/21', '马院212', 1, 45, 0, 6, 0, null, null]),
    ...row(5, [2, '科技强国理论宣讲', '政策宣传', '线上线下', '2025/5/28', '2025/5/28', '思源楼；学习通直播', 1, 80, 350, 9, 1, 'https://mp.example.com/s/mks0528', null]),
  },
};

/** 图书馆: the header block as a small table (values under labels), （必填） marks, 注 and 填表人 lines. */
export const library: Drawn = {
  name: '图书馆-推荐表.xlsx',
  sheet: '推荐表',
  merges: ['A1:M1', 'A2:C2', 'A3:C3', 'D2:F2', 'D3:F3', 'G2:H2', 'G3:H3', 'I2:K2', 'I3:K3', 'A9:M9'],
  cells: {
    A1: '特色群众性主题实践活动推荐表',
    A2: '推荐单位', D2: '联系人', G2: '联系电话', I2: '电子邮箱',
    A3: '图书馆', D3: '周老师', G3: '138-0013-8000', I3: 'lib@example.edu.cn',
    ...row(5, ['序号', '活动名称（必填）', '活动类别（必填）', '活动形式（必填）', '开始日期（必填）', '结束日期（必填）', '活动地点（必填）', '面向对象', '预计参与人数（必填）', '负责人（必填）', '联系电话（必填）', '活动简介（必填）', '备注']),
    ...row(6, [1, '“书香科技”科普图书展', '成果科普', '线下', '5月12日', '5月23日', '图书馆一层大厅', '全校师生', 2000, '周红', '138-0013-8000', '精选科普图书展陈，设置科学家传记专区。', null]),
    ...row(7, [2, '科技文献检索公开课', '成果科普', '线上', '5月20日-22日', null, '雨课堂', '研究生', 400, '吴刚', '010 5168 3333', '介绍科技文献数据库的检索方法。', '共三讲']),
    ...row(8, [3, '科学家手稿数字展', '科学家精神', '线上', d('2025-05-30'), d('2025-06-06'), '图书馆网站', '社会公众', 5000, '郑洁', '13611112222', '在线展出馆藏科学家手稿的数字化成果。', null]),
    A9: '注：“活动类别”请填写政策宣传、科学家精神、成果科普、群众实践、网络宣传之一。',
    A10: '填表人：周老师', F10: '审核人：馆长办公室', K10: '2025年5月5日',
  },
};

/** 经管学院: a correct 推荐表 kept in LibreOffice's own format (.ods). */
export const economics: Drawn = {
  name: '经管学院推荐表',
  sheet: '推荐表',
  merges: [],
  cells: {
    A1: '推荐单位：经济管理学院', E1: '联系人：刘老师', H1: '联系电话：13511112222',
    ...row(2, ['序号', '活动名称', '活动类别', '活动形式', '开始日期', '结束日期', '活动地点', '面向对象', '预计参与人数', '负责人', '联系电话', '活动简介', '备注']),
    ...row(3, [1, '经济学科普沙龙', '成果科普', '线下', d('2025-05-21'), d('2025-05-21'), '经管楼', '本科生', 60, '吴刚', '13522223333', '面向本科生的行为经济学科普。', null]),
  },
};

/** 体育部: the template sent back with the header filled and a section row, but no activity. */
export const sports: Drawn = {
  name: '体育部推荐表.xlsx',
  sheet: '推荐表',
  merges: ['A3:M3'],
  cells: {
    A1: '推荐单位：体育部', E1: '联系人：钱老师', H1: '联系电话：13812345678',
    ...row(2, ['序号', '活动名称', '活动类别', '活动形式', '开始日期', '结束日期', '活动地点', '面向对象', '预计参与人数', '负责人', '联系电话', '活动简介', '备注']),
    A3: '一、线下活动',
    A4: 1, A5: 2, A6: 3,
  },
};
