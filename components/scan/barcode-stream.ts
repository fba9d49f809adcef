'use client';

// The formats a modem's, ONT's or shelf's label carries: Code 128 / 39 barcodes and QR codes.
const FORMATS = ['code_128', 'code_39', 'qr_code', 'data_matrix', 'ean_13'];

type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type DetectorClass = {
  new (opts: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
};

/**
 * The browser's own BarcodeDetector where it has one (Chrome on Android), else ZXing
 * (@zxing/browser, loaded only then) on the same camera stream.
 */
async function nativeDetector(): Promise<Detector | null> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return null;
  const supported = await Native.getSupportedFormats().catch(() => [] as string[]);
  const formats = FORMATS.filter((f) => supported.includes(f));
  return formats.length > 0 ? new Native({ formats }) : null;
}

export function openCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
}

export function stopStream(stream: MediaStream | null) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * Opens the back camera into `video` and calls `onValue` with every code it reads, for as
 * long as it runs (a continuous scan sees the same label many times a second: the caller
 * decides what a repeat means). Resolves to a stop function; rejects when there is no camera.
 */
export async function startBarcodeStream(video: HTMLVideoElement, onValue: (value: string) => void) {
  let stopped = false;
  let stopZxing: (() => void) | null = null;
  const stream = await openCamera();
  const stop = () => {
    stopped = true;
    stopZxing?.();
    stopStream(stream);
  };
  try {
    video.srcObject = stream;
    await video.play();
    const emit = (value: string) => {
      if (!stopped && value.trim()) onValue(value.trim());
    };
    const detector = await nativeDetector();
    if (detector) {
      (async () => {
        while (!stopped) {
          const codes = await detector.detect(video).catch(() => []);
          for (const code of codes) emit(code.rawValue);
          await new Promise((r) => setTimeout(r, 150));
        }
      })();
      return stop;
    }
    const { BrowserMultiFormatReader } = await import('@zxing/browser');
    const reader = new BrowserMultiFormatReader();
    const controls = await reader.decodeFromVideoElement(video, (result) => {
      if (result) emit(result.getText());
    });
    stopZxing = () => controls.stop();
    if (stopped) stopZxing();
    return stop;
  } catch (error) {
    stop();
    throw error;
  }
}

let audio: AudioContext | null = null;
/** A short beep: high for a scan taken, low and longer for one refused (the warehouse hears it without looking). */
export function beep(ok: boolean) {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = ok ? 1400 : 300;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + (ok ? 0.09 : 0.35));
  } catch {
    // No audio (a locked-down browser): the on-screen feedback still shows.
  }
  if (!ok) navigator.vibrate?.(200);
}
