/**
 * The valid forms every rule fixture starts from: three activities each, the third being the one
 * a case breaks. Dates are real date cells, as Excel and WPS store what a unit types as a date.
 * Addresses use reserved example domains (docs/forms.md, "Fixtures": fixtures never carry a real address).
 */
import { dateCell as d } from './rule-kit.js';

export const recommendationHeader = { unit: '计算机科学与技术学院', contact: '王老师', phone: '010-51680001', email: 'kx@example.edu.cn' };

export const recommendationRows = (): Record<string, unknown>[] => [
  { name: '人工智能进校园科普讲座', category: '成果科普', activityForm: '线下', startDate: d('2025-05-20'), endDate: d('2025-05-20'), place: '思源楼报告厅', audience: '本科生', expectedParticipants: 200, leader: '李明', leaderPhone: '13800138000', summary: '邀请人工智能领域专家介绍大模型原理与应用，现场互动答疑。' },
  { name: '科学家精神主题展', category: '科学家精神', activityForm: '线上线下', startDate: d('2025-05-24'), endDate: d('2025-05-31'), place: '图书馆一层展厅；学校官网', audience: '全校师生', expectedParticipants: 1500, leader: '赵华', leaderPhone: '010-51680002', summary: '展示老一辈科学家事迹，同步推出线上展厅。', remarks: '与图书馆合办' },
  { name: '实验室开放日', category: '成果科普', activityForm: '线下', startDate: d('2025-05-28'), endDate: d('2025-05-30'), place: '机房楼', audience: '中学生', expectedParticipants: 80, leader: '孙强', leaderPhone: '13911112222', summary: '开放高性能计算实验室，演示超算与可视化。' },
];

export const reportHeader = { unit: '土木建筑工程学院', contact: '陈老师', phone: '13600002222' };

export const reportRows = (): Record<string, unknown>[] => [
  { name: '桥梁模型设计大赛', category: '群众实践', activityForm: '线下', startDate: d('2025-05-10'), endDate: d('2025-05-11'), place: '土建楼', sessions: 2, offlineAttendance: 320, onlineAttendance: 0, scientists: 12, mediaReports: 1, reportLinks: 'https://news.example.edu.cn/2025/0512.html' },
  { name: '科技工作者日座谈会', category: '政策宣传', activityForm: '线下', startDate: d('2025-05-30'), endDate: d('2025-05-30'), place: '学院会议室', sessions: 1, offlineAttendance: 40, onlineAttendance: 0, scientists: 35, mediaReports: 0 },
  { name: '绿色建筑科普讲座', category: '成果科普', activityForm: '线上线下', startDate: d('2025-05-26'), endDate: d('2025-05-27'), place: '逸夫楼；腾讯会议', sessions: 2, offlineAttendance: 150, onlineAttendance: 600, scientists: 5, mediaReports: 2, reportLinks: 'https://news.example.edu.cn/2025/0527.html\nhttps://mp.example.com/s/abc123' },
];
