import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin } from '../../src/core/origin.ts';

describe('isAllowedHost', () => {
  it.each([
    ['127.0.0.1:7420', 'http://127.0.0.1:7420', true],
    ['localhost:7420', 'http://127.0.0.1:7420', true],
    ['[::1]:7420', 'http://127.0.0.1:7420', true],
    ['localhost:5173', 'http://localhost:7420', true],
    ['evil.example:7420', 'http://127.0.0.1:7420', false],
    ['127.0.0.1.nip.io:7420', 'http://127.0.0.1:7420', false],
    ['rapport.example.edu', 'https://rapport.example.edu', true],
    ['RAPPORT.example.edu', 'https://rapport.example.edu', true],
    ['localhost', 'https://rapport.example.edu', false],
    ['rapport.example.edu.evil.example', 'https://rapport.example.edu', false],
    ['', 'https://rapport.example.edu', false],
  ])('Host %j for %s → %s', (host, publicUrl, allowed) => expect(isAllowedHost(host, publicUrl)).toBe(allowed));
});

describe('isAllowedOrigin', () => {
  it.each([
    ['http://127.0.0.1:7420', 'http://127.0.0.1:7420', true],
    ['http://localhost:7420', 'http://127.0.0.1:7420', true],
    ['https://rapport.example.edu', 'https://rapport.example.edu', true],
    ['http://rapport.example.edu', 'https://rapport.example.edu', false],
    ['https://evil.example', 'https://rapport.example.edu', false],
    ['http://evil.example:7420', 'http://127.0.0.1:7420', false],
    ['null', 'http://127.0.0.1:7420', false],
  ])('Origin %j for %s → %s', (origin, publicUrl, allowed) => expect(isAllowedOrigin(origin, publicUrl)).toBe(allowed));
});
