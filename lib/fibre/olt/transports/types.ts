/** A byte stream to an OLT's command line (a telnet socket or an SSH shell channel). */
export interface CliChannel {
  /** How a line is ended when sent (telnet: CR LF; SSH shell: CR). */
  readonly eol: string;
  /** True when the transport has already authenticated (SSH); telnet logs in at the prompt. */
  readonly authenticated: boolean;
  write(text: string): void;
  onData(cb: (text: string) => void): void;
  onClose(cb: (error?: Error) => void): void;
  close(): void;
}

export type ChannelOptions = {
  host: string;
  port: number;
  username: string;
  password: string;
  connectTimeoutMs: number;
};
