import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyFile, classifyLink } from '../../../src/domain/recognition/file-role.js';

const PHOTO = 800_000;

test('workbooks are forms, whether sniffed as zip (xlsx) or cfb (legacy xls, WPS et)', () => {
  assert.equal(classifyFile('附件1-推荐表.xlsx', 'zip'), 'form');
  assert.equal(classifyFile('统计表.xls', 'cfb'), 'form');
  assert.equal(classifyFile('统计表.et', 'cfb'), 'form');
});

test('documents are the summary (总结材料), by extension and sniffed type', () => {
  assert.equal(classifyFile('活动总结.docx', 'zip'), 'summary');
  assert.equal(classifyFile('总结.doc', 'cfb'), 'summary');
  assert.equal(classifyFile('总结.wps', 'cfb'), 'summary');
  assert.equal(classifyFile('科技周材料', 'pdf'), 'summary');
});

test('photos and videos are 影像资料; a renamed file is judged by its bytes', () => {
  assert.equal(classifyFile('开幕式.JPG', 'jpeg', PHOTO), 'media_photo_video');
  assert.equal(classifyFile('IMG_0001.HEIC', 'heic', PHOTO), 'media_photo_video');
  assert.equal(classifyFile('讲座.mov', 'unknown', PHOTO), 'media_photo_video');
  assert.equal(classifyFile('现场.mp4', 'mp4', PHOTO), 'media_photo_video');
  assert.equal(classifyFile('照片.pdf', 'jpeg', PHOTO), 'media_photo_video');
});

test('documents and screenshots named 报道/媒体/新闻/截图 are press material', () => {
  assert.equal(classifyFile('媒体报道汇总.docx', 'zip'), 'press');
  assert.equal(classifyFile('新闻截图1.png', 'png', PHOTO), 'press');
  assert.equal(classifyFile('媒体报道/1.png', 'png', PHOTO), 'press');
});

test('a stamped scan of a form is neither the summary nor a photo', () => {
  assert.equal(classifyFile('推荐表盖章版.pdf', 'pdf'), 'other');
  assert.equal(classifyFile('附件2统计表扫描件.jpg', 'jpeg', PHOTO), 'other');
});

test('an inline signature logo (Outlook image001.png, a few KB) is not a photo', () => {
  assert.equal(classifyFile('image001.png', 'png', 3_000), 'other');
});

test('a file whose bytes contradict its name, and unknown files, are other', () => {
  assert.equal(classifyFile('总结.pdf', 'html'), 'other');
  assert.equal(classifyFile('说明.txt', 'text'), 'other');
  assert.equal(classifyFile('照片.rar', 'rar'), 'other');
});

test('cloud-drive and large-attachment links are 影像资料 unless their label says otherwise', () => {
  assert.equal(classifyLink({ url: 'https://pan.example.com/s/1', kind: 'cloud_drive', provider: 'baidu', label: null }), 'media_photo_video');
  assert.equal(classifyLink({ url: 'https://mail.example.edu/big/2', kind: 'large_attachment', provider: 'coremail', label: '活动视频.mp4' }), 'media_photo_video');
  assert.equal(classifyLink({ url: 'https://mail.example.edu/big/3', kind: 'large_attachment', provider: 'coremail', label: '活动总结.pdf' }), 'summary');
  assert.equal(classifyLink({ url: 'https://files.example.com/4', kind: 'other', provider: null, label: '新闻报道' }), 'press');
  assert.equal(classifyLink({ url: 'https://files.example.com/5', kind: 'other', provider: null, label: null }), 'other');
});
