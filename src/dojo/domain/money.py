"""Money is an integer count of a currency's minor units; currencies are ISO 4217."""

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

# ISO 4217 active codes whose minor-unit exponent is not 2.
_EXPONENTS = {
    **dict.fromkeys("BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF".split(), 0),
    "XPF": 0,
    **dict.fromkeys("BHD IQD JOD KWD LYD OMR TND".split(), 3),
    **dict.fromkeys("CLF UYW".split(), 4),
}

# ISO 4217 active codes with two decimals (funds and precious metals left out).
_TWO_DECIMALS = """
AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN
BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP
GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT
LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN
NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE
SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES
WST XCD XCG YER ZAR ZMW ZWG
"""

CURRENCIES: dict[str, int] = dict(
    sorted({**dict.fromkeys(_TWO_DECIMALS.split(), 2), **_EXPONENTS}.items())
)


def currency_exponent(code: str) -> int | None:
    """The minor-unit exponent of an ISO 4217 code, or None when the code is unknown."""
    return CURRENCIES.get(code)


def in_int64(value: int) -> bool:
    """Whether an amount fits the signed 64-bit range (R-B3)."""
    return INT64_MIN <= value <= INT64_MAX


def decimal_text(amount: int, exponent: int) -> str:
    """An amount of minor units as an exact decimal string (`-1234`, 2 -> `-12.34`)."""
    sign = "-" if amount < 0 else ""
    digits = str(abs(amount)).rjust(exponent + 1, "0")
    if exponent == 0:
        return sign + digits
    return f"{sign}{digits[:-exponent]}.{digits[-exponent:]}"
