import { describe, expect, it } from 'vitest';
import { dnsSubdomainProblems, envVarNameProblems, labelValueProblems, qualifiedNameProblems } from './k8s-names.js';

describe('k8s name syntax', () => {
  it.each([
    ['prefill', true],
    ['a.b-c', true],
    ['Prefill', false],
    ['-a', false],
    ['a_b', false],
    ['a'.repeat(254), false],
  ])('DNS subdomain %s valid=%s', (value, valid) => {
    expect(dnsSubdomainProblems(value).length === 0).toBe(valid);
  });

  it.each([
    ['app', true],
    ['grove.io/podclique', true],
    ['Example.com/x', false],
    ['/x', false],
    ['a/b/c', false],
    ['x'.repeat(64), false],
    ['-x', false],
  ])('qualified name %s valid=%s', (value, valid) => {
    expect(qualifiedNameProblems(value).length === 0).toBe(valid);
  });

  it.each([
    ['', true],
    ['v1.2_3', true],
    ['-v', false],
    ['v'.repeat(64), false],
  ])('label value %j valid=%s', (value, valid) => {
    expect(labelValueProblems(value).length === 0).toBe(valid);
  });

  it.each([
    ['MY_VAR', true],
    ['my.env-name', true],
    ['_x', true],
    ['1VAR', false],
    ['A B', false],
    ['', false],
    ['.', false],
    ['..x', false],
    ['A=B', false],
  ])('env var name %j valid=%s', (value, valid) => {
    expect(envVarNameProblems(value).length === 0).toBe(valid);
  });
});
