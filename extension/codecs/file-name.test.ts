import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactTime, safeOriginPart } from './file-name.ts';

describe('export file names', () => {
  it('turns an origin into a safe part of a file name', () => {
    assert.equal(safeOriginPart('http://localhost:8088/'), 'localhost_8088');
    assert.equal(safeOriginPart('https://example.com'), 'example.com');
    assert.equal(safeOriginPart(undefined), 'all-origins');
    assert.equal(safeOriginPart('http://../../etc/passwd<script>'), 'etc_passwd_script');
    assert.equal(safeOriginPart('x://' + 'a'.repeat(500)).length, 64);
    assert.equal(safeOriginPart('http:///'), 'origin');
  });

  it('writes the time compactly, in UTC', () => {
    assert.equal(compactTime(Date.UTC(2026, 10, 24, 3, 15, 0)), '20261124T031500');
  });
});
