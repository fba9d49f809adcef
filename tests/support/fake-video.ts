import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';

/**
 * A camera that films QR codes: a Y4M file (the uncompressed format Chromium's
 * `--use-file-for-fake-video-capture` plays in a loop) whose frames show `text` as a QR code,
 * black on white, in the middle of the picture. Given several codes, it shows each in turn for
 * `framesPerCode` frames (2 s at 10 frames a second), as a warehouse worker holds one label
 * after another in front of the phone. Written at test time, so no binary fixture is
 * committed and the serial can be any the test makes up.
 */
export function writeQrVideo(
  text: string | string[],
  opts: { width?: number; height?: number; frames?: number; framesPerCode?: number } = {},
): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 480;
  const codes = typeof text === 'string' ? [text] : text;
  const perCode = typeof text === 'string' ? (opts.frames ?? 10) : (opts.framesPerCode ?? 20);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const frames = codes.flatMap((code) => {
    const frame = qrFrame(code, width, height);
    return Array.from({ length: perCode }, () => frame);
  });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'jaring-camera-')), 'serial-qr.y4m');
  writeFileSync(file, Buffer.concat([header, ...frames]));
  return file;
}

/** One Y4M frame showing `text` as a QR code. */
function qrFrame(text: string, width: number, height: number): Buffer {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  // Whole pixels per module, with a quiet zone of four modules each side.
  const scale = Math.floor((Math.min(width, height) * 0.8) / (size + 8));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let y = 0; y < scale; y++) {
        const start = (top + row * scale + y) * width + left + col * scale;
        luma.fill(16, start, start + scale);
      }
    }
  }
  // 4:2:0: a quarter-size U and V plane each, neutral grey (no colour).
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  return Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
}
