import { describe, expect, it } from 'vitest';
import { chatIdOf } from '../../src/delivery/transport.js';

describe('chatIdOf: the chat a send goes to, for the sending budget', () => {
  it('reads the chat_id grammY writes first, as a number or a string of digits, without parsing the body', () => {
    expect(chatIdOf(JSON.stringify({ chat_id: 123456789, text: 'Xin chào', parse_mode: 'HTML' }))).toBe(123456789);
    expect(chatIdOf(JSON.stringify({ chat_id: -1001234567890, text: 'x' }))).toBe(-1001234567890);
    expect(chatIdOf(JSON.stringify({ chat_id: '-1001234567890', text: 'x' }))).toBe(-1001234567890);
    expect(chatIdOf(JSON.stringify({ chat_id: 7 }))).toBe(7);
  });

  it('falls back to the whole body when chat_id is not first, and knows no chat for a username or none', () => {
    expect(chatIdOf(JSON.stringify({ text: 'x', chat_id: 42 }))).toBe(42);
    expect(chatIdOf(JSON.stringify({ chat_id: '@kenh_thong_bao', text: 'x' }))).toBeUndefined();
    expect(chatIdOf(JSON.stringify({ chat_id: '123abc', text: 'x' }))).toBeUndefined();
    expect(chatIdOf(JSON.stringify({ text: 'x' }))).toBeUndefined();
    expect(chatIdOf('{"chat_id":')).toBeUndefined();
    expect(chatIdOf(undefined)).toBeUndefined();
  });

  it('reads the chat_id field of a multipart upload', () => {
    const body = Buffer.from('--b\r\ncontent-disposition:form-data; name="chat_id"\r\n\r\n-100777\r\n--b--');
    expect(chatIdOf(body)).toBe(-100777);
  });
});
