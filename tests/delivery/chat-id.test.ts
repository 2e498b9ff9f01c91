import { describe, expect, it } from 'vitest';
import { chatIdOf, withChatId } from '../../src/delivery/transport.js';

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

describe('withChatId: a call sent again to the supergroup its group became', () => {
  it('moves a JSON body, chat_id first again, everything else kept', () => {
    const moved = withChatId(JSON.stringify({ text: 'Lịch họp', chat_id: -4001, parse_mode: 'HTML' }), -4001, -1004001);
    expect(typeof moved).toBe('string');
    expect(JSON.parse(moved as string)).toEqual({ chat_id: -1004001, text: 'Lịch họp', parse_mode: 'HTML' });
    expect(chatIdOf(moved)).toBe(-1004001);
    expect((moved as string).startsWith('{"chat_id":-1004001,')).toBe(true);
  });

  it('moves the chat_id field of a multipart upload, the file untouched', () => {
    const file = Buffer.from([0, 255, 13, 10, 1, 2, 3]);
    const body = Buffer.concat([Buffer.from('--b\r\ncontent-disposition:form-data; name="chat_id"\r\n\r\n-4001\r\n--b\r\n'), file, Buffer.from('\r\n--b--')]);
    const moved = withChatId(body, -4001, -1004001) as Buffer;
    expect(chatIdOf(moved)).toBe(-1004001);
    expect(moved.includes(file)).toBe(true);
    expect(moved.length).toBe(body.length + 3);
  });

  it('leaves a body that is not for that chat alone', () => {
    expect(withChatId(JSON.stringify({ chat_id: -5, text: 'x' }), -4001, -1004001)).toBeUndefined();
    expect(withChatId(Buffer.from('name="chat_id"\r\n\r\n-5\r\n'), -4001, -1004001)).toBeUndefined();
    expect(withChatId(undefined, -4001, -1004001)).toBeUndefined();
  });
});
