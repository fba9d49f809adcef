/** The phone's position now, or nothing when GPS is off, refused or slow: a step never waits on it. */
export function currentPosition(timeoutMs = 8_000): Promise<{ lat: number; lng: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

/** Longest side of an uploaded photo: sharp enough to read a label, small enough for 3G. */
export const PHOTO_MAX_SIDE = 1600;
export const PHOTO_QUALITY = 0.72;

/**
 * Shrinks a picture on the phone before it is queued: scaled to PHOTO_MAX_SIDE and re-encoded
 * as JPEG, so a 4 MB camera shot becomes a few hundred kB to keep offline and send later.
 */
export async function compressImage(source: CanvasImageSource, width: number, height: number): Promise<Blob> {
  const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  canvas.getContext('2d')!.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvasBlob(canvas, 'image/jpeg', PHOTO_QUALITY);
}

/** A frame of a playing video, compressed like a photo. */
export function compressVideoFrame(video: HTMLVideoElement): Promise<Blob> {
  return compressImage(video, video.videoWidth, video.videoHeight);
}

/** A chosen or captured file (the camera app's picture), compressed. */
export async function compressFile(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  try {
    return await compressImage(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

export function canvasBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode failed'))), type, quality),
  );
}

/** The back camera, or whichever camera there is. */
export { openCamera, stopStream } from '@/components/scan/barcode-stream';
