import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDownloadLinks } from '../../../src/domain/mail/download-links.js';

const providerOf = (url: string): [string, string | null] | null => {
  const link = findDownloadLinks({ text: `见 ${url} 谢谢` })[0];
  return link ? [link.kind, link.provider] : null;
};

void test('cloud-drive shares a unit may send are recognised by their host', () => {
  const cases: Array<[string, string]> = [
    ['https://pan.baidu.com/s/1abcDEF', 'baidu'], ['https://share.weiyun.com/AbCd', 'weiyun'], ['https://www.aliyundrive.com/s/xyz', 'aliyun'],
    ['https://www.alipan.com/s/xyz', 'aliyun'], ['https://cloud.189.cn/t/abc', 'tianyi'], ['https://pan.quark.cn/s/abc', 'quark'],
    ['https://115.com/s/abc', '115'], ['https://wwi.lanzoui.com/abc', 'lanzou'], ['https://caiyun.139.com/m/i?abc', 'caiyun'],
    ['https://pan.bjtu.edu.cn/s/abc', 'campus'], ['https://box.example.edu.cn/f/abc', 'campus'], ['https://1drv.ms/u/s!abc', 'onedrive'],
    ['https://example-my.sharepoint.com/:x:/g/abc', 'onedrive'], ['https://www.dropbox.com/s/abc/v.mp4', 'dropbox'], ['https://drive.google.com/file/d/abc/view', 'google_drive'],
  ];
  for (const [url, provider] of cases) assert.deepEqual(providerOf(url), ['cloud_drive', provider], url);
});

void test('webmail large-attachment (超大附件) links are recognised as large attachments', () => {
  const cases: Array<[string, string]> = [
    ['https://mail.qq.com/cgi-bin/ftnExs_download?k=abc&t=exs_ftn_download', 'qq'], ['https://wx.mail.qq.com/ftn/download?func=3&k=abc', 'qq'],
    ['https://mail.163.com/large-attachment-download/index.html?p=abc', 'netease'], ['https://fs.mail.163.com/fs/display/?p=abc', 'netease'],
    ['https://mail.example.edu.cn/coremail/common/largeattachment/download.jsp?id=1', 'coremail'], ['https://mail.example.edu.cn/large-attachment/dl?id=1', 'coremail'],
  ];
  for (const [url, provider] of cases) assert.deepEqual(providerOf(url), ['large_attachment', provider], url);
});

void test('ordinary links (the university homepage in a signature) are not download links, but a link to a file is', () => {
  assert.deepEqual(findDownloadLinks({ text: '学院主页 https://www.example.edu.cn/ 欢迎访问' }), []);
  assert.deepEqual(findDownloadLinks({ text: '下载：https://files.example.org/share/%E7%BB%9F%E8%AE%A1%E8%A1%A8.xlsx' }),
    [{ url: 'https://files.example.org/share/%E7%BB%9F%E8%AE%A1%E8%A1%A8.xlsx', kind: 'other', provider: null, label: null }]);
});

void test('each link gets the file name shown next to it and its 提取码, and appears once', () => {
  const text = [
    '文件1：推荐表.xlsx 链接: https://pan.baidu.com/s/1one 提取码: 1111',
    '文件2：活动视频.mp4 链接: https://pan.baidu.com/s/2two 提取码：2222',
    '再发一次 https://pan.baidu.com/s/1one',
  ].join('\n');
  const html = '<p>百度网盘：<a href="https://pan.baidu.com/s/1one">https://pan.baidu.com/s/1one</a></p>';
  assert.deepEqual(findDownloadLinks({ text, html }), [
    { url: 'https://pan.baidu.com/s/1one', kind: 'cloud_drive', provider: 'baidu', label: '推荐表.xlsx 提取码: 1111' },
    { url: 'https://pan.baidu.com/s/2two', kind: 'cloud_drive', provider: 'baidu', label: '活动视频.mp4 提取码: 2222' },
  ]);
});
