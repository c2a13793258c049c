import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAuthenticationResults } from '../../src/domain/mail/authentication-results.js';
import { parseCoordinatorCommand } from '../../src/domain/mail/coordinator-command.js';

describe('what the coordinator writes above the quoted mail', () => {
  it('a unit name assigns, 通过 accepts, both may stand together, the quoted original is ignored', () => {
    assert.deepEqual(parseCoordinatorCommand('电信学院\n\n在 2025年5月3日 写道：\n> 通过'), { unitText: '电信学院', accept: false });
    assert.deepEqual(parseCoordinatorCommand('通过\r\n-----Original Message-----\n电气学院'), { unitText: null, accept: true });
    assert.deepEqual(parseCoordinatorCommand('电信学院 通过'), { unitText: '电信学院', accept: true });
    assert.deepEqual(parseCoordinatorCommand('Accept'), { unitText: null, accept: true });
  });

  it('an empty answer, or only quoted text, is no command', () => {
    assert.equal(parseCoordinatorCommand(''), null);
    assert.equal(parseCoordinatorCommand('> 电信学院\n> 通过'), null);
  });
});

describe('Authentication-Results from our own receiving server', () => {
  const opts = { authservId: 'mx.example.edu.cn', domain: 'example.edu.cn' };

  it('DKIM or SPF passing for the coordinator’s domain is enough', () => {
    assert.equal(checkAuthenticationResults(['mx.example.edu.cn; dkim=pass header.d=example.edu.cn header.s=s1; spf=fail'], opts).ok, true);
    assert.equal(checkAuthenticationResults(['mx.example.edu.cn;\r\n spf=pass smtp.mailfrom=mywu@example.edu.cn'], opts).ok, true);
  });

  it('a header from another server, a failure, or a pass for another domain is not', () => {
    assert.equal(checkAuthenticationResults(['evil.example.com; dkim=pass header.d=example.edu.cn'], opts).ok, false);
    assert.equal(checkAuthenticationResults(['mx.example.edu.cn; dkim=fail header.d=example.edu.cn; spf=softfail smtp.mailfrom=example.edu.cn'], opts).ok, false);
    assert.equal(checkAuthenticationResults(['mx.example.edu.cn; dkim=pass header.d=notexample.edu.cn'], opts).ok, false);
    assert.equal(checkAuthenticationResults([], opts).ok, false);
  });
});
