// ISO 4217 codes the API accepts (src/dojo/domain/money.py), with names from Intl.
const CODES = `AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL
BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD
EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR
ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD
MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR
PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB
TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD
XCG XOF XPF YER ZAR ZMW ZWG`.split(/\s+/)

export interface CurrencyOption {
  code: string
  name: string
}

export function currencyOptions(locale?: string): CurrencyOption[] {
  let names: Intl.DisplayNames | undefined
  try {
    names = new Intl.DisplayNames(locale, { type: 'currency' })
  } catch {
    names = undefined
  }
  return CODES.map((code) => ({ code, name: names?.of(code) ?? code }))
}

/** Options whose code or name contains the query (case-insensitive). */
export function searchCurrencies(options: CurrencyOption[], query: string): CurrencyOption[] {
  const q = query.trim().toLowerCase()
  if (!q) return options
  return options.filter((o) => o.code.toLowerCase().includes(q) || o.name.toLowerCase().includes(q))
}
