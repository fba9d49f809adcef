import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchCommand, shownLine, withinOneEdit } from './matcher';

const intent = (text: string) => matchCommand(text).intent;

test('bill: the word, with filler, with a typo, in English', () => {
  for (const t of ['tagihan', 'Cek tagihan', 'cek tagihan dong kak!', 'TAGIHN', 'tagiahn', 'bill', 'Tagihan saya?'])
    assert.equal(intent(t), 'bill', t);
});

test('the other single-word commands', () => {
  assert.equal(intent('bayar'), 'pay');
  assert.equal(intent('link bayar'), 'pay');
  assert.equal(intent('status'), 'status');
  assert.equal(intent('cek status'), 'status');
  assert.equal(intent('stauts'), 'status');
  assert.equal(intent('paket'), 'plan');
  assert.equal(intent('menu'), 'menu');
  assert.equal(intent('Help'), 'menu');
  assert.equal(intent('bantuan'), 'menu');
  assert.equal(intent('STOP'), 'stop');
  assert.equal(intent('berhenti'), 'stop');
  assert.equal(intent('mulai'), 'start');
  assert.equal(intent('start'), 'start');
  assert.equal(intent('YA'), 'confirm');
  assert.equal(intent('ganti password'), 'wifi_help');
  assert.equal(intent('ganti wifi'), 'wifi_help');
  assert.equal(intent('wifi'), 'wifi_help');
});

test('report: lapor with its text kept as typed, gangguan, internet mati inside a sentence', () => {
  assert.deepEqual(matchCommand('lapor Lampu LOS merah sejak pagi'), {
    intent: 'report',
    text: 'Lampu LOS merah sejak pagi',
  });
  assert.deepEqual(matchCommand('Laporr kabel putus'), { intent: 'report', text: 'kabel putus' });
  assert.equal(intent('gangguan'), 'report');
  assert.equal(intent('internet mati'), 'report');
  assert.deepEqual(matchCommand('Halo min, internet mati dari pagi'), {
    intent: 'report',
    text: 'Halo min, internet mati dari pagi',
  });
});

test('wifi: the name may have spaces, the password is the last word, both as typed', () => {
  assert.deepEqual(matchCommand('wifi Rumah Budi Rahasia123'), {
    intent: 'wifi',
    ssid: 'Rumah Budi',
    password: 'Rahasia123',
  });
  assert.deepEqual(matchCommand('WiFi Kos rahasia-9'), { intent: 'wifi', ssid: 'Kos', password: 'rahasia-9' });
  assert.equal(shownLine('wifi Kos rahasia-9', matchCommand('wifi Kos rahasia-9')), 'wifi Kos ••••••');
  assert.equal(shownLine('tagihan', matchCommand('tagihan')), 'tagihan');
});

test('no false positive on chatter', () => {
  for (const t of [
    'saya sudah bayar kemarin',
    'terima kasih',
    'ok siap',
    'kapan teknisi datang?',
    'tagihan bulan lalu kok mahal ya',
    'statusnya gimana pesanan saya yang kemarin',
    'ya ampun',
    'mau tanya',
    '',
    '   ',
    '👍',
  ])
    assert.equal(intent(t), 'unknown', t);
});

test('short words must be exact; one edit means one', () => {
  assert.equal(intent('manu'), 'unknown', 'four letters: no typo allowed');
  assert.equal(intent('stp'), 'unknown');
  assert.equal(intent('tgihn'), 'unknown', 'two letters missing');
  assert.ok(withinOneEdit('status', 'stauts'));
  assert.ok(withinOneEdit('tagihan', 'tagihn'));
  assert.ok(withinOneEdit('tagihan', 'tagihaan'));
  assert.ok(!withinOneEdit('tagihan', 'tgihn'));
  assert.ok(!withinOneEdit('abcde', 'badce'));
});
