import type { ElfFacts } from './image-model.js';

const PT_INTERP = 3;

/** Reads the program headers of an ELF file: a PT_INTERP entry means it needs a dynamic loader. */
export function readElf(buf: Buffer): ElfFacts {
  if (buf.length < 64 || buf.readUInt32BE(0) !== 0x7f454c46) return { isElf: false, interpreter: null };
  const is64 = buf[4] === 2;
  const le = buf[5] === 1;
  const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const word = (o: number) => (is64 ? Number(le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o)) : u32(o));
  const phoff = word(is64 ? 0x20 : 0x1c);
  const phentsize = u16(is64 ? 0x36 : 0x2a);
  const phnum = u16(is64 ? 0x38 : 0x2c);
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (ph + phentsize > buf.length) break;
    if (u32(ph) !== PT_INTERP) continue;
    const offset = word(ph + (is64 ? 0x08 : 0x04));
    const size = word(ph + (is64 ? 0x20 : 0x10));
    if (offset + size > buf.length) return { isElf: true, interpreter: '(beyond the bytes read)' };
    return { isElf: true, interpreter: buf.subarray(offset, offset + size).toString('utf8').replace(/\0+$/, '') };
  }
  return { isElf: true, interpreter: null };
}
