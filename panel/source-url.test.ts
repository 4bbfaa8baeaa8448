import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openableSourceURL } from './source-url.ts';

test('only http(s) sources are handed to openResource', () => {
  assert.equal(openableSourceURL('https://app.example/sw.js'), true);
  assert.equal(openableSourceURL('http://localhost:8080/sw.js?v=1'), true);
  for (const url of [
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop/background.js',
    'chrome://settings',
    'data:text/javascript,1',
    'file:///etc/passwd',
    'devtools://devtools/bundled/inspector.html',
    'blob:https://app.example/1',
    'sw.js',
    '',
    `https://app.example/${'a'.repeat(9000)}`,
  ])
    assert.equal(openableSourceURL(url), false, url);
});
