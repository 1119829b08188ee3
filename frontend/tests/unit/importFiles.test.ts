// Reading a chosen bank file: the format from its name and its exact bytes for the API.
import { describe, expect, it } from 'vitest'
import { formatOfName, textOf, toBase64 } from '../../src/imports/files'

describe('a bank file chosen in the browser', () => {
  it('takes its format from the extension, in any case', () => {
    expect(formatOfName('checking_v1.ofx')).toBe('ofx')
    expect(formatOfName('Card.QFX')).toBe('qfx')
    expect(formatOfName('bank.qif')).toBe('qif')
    expect(formatOfName('export 2026.CSV')).toBe('csv')
  })

  it('leaves an unknown or missing extension to the API to detect', () => {
    expect(formatOfName('statement.txt')).toBeNull()
    expect(formatOfName('statement')).toBeNull()
    expect(formatOfName('')).toBeNull()
  })

  it('sends the bytes as base64, whatever their charset', () => {
    // "Café" in Windows-1252, as many OFX files are written: not valid UTF-8.
    expect(toBase64(new Uint8Array([0x43, 0x61, 0x66, 0xe9]))).toBe('Q2Fm6Q==')
    expect(toBase64(new TextEncoder().encode('Café'))).toBe('Q2Fmw6k=')
    expect(toBase64(new Uint8Array())).toBe('')
  })

  it('encodes a large file without overflowing the stack', () => {
    const bytes = new Uint8Array(300_000).map((_, i) => i % 256)
    const encoded = toBase64(bytes)
    expect(encoded).toHaveLength(400_000)
    const decoded = atob(encoded)
    expect(decoded).toHaveLength(bytes.length)
    expect([0, 255, 256, 299_999].map((i) => decoded.charCodeAt(i))).toEqual([0, 255, 0, 299_999 % 256])
  })

  it('shows the text of a file without its byte order mark', () => {
    expect(textOf(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x3b, 0x42]))).toBe('A;B')
  })
})
