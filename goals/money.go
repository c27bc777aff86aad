package goals

import (
	"sort"
	"strings"
)

// Money: the currencies the bot reads and writes. A goal may be in any ISO
// 4217 currency; an amount written in another currency is refused, never
// converted (there are no exchange rates offline).
//
// A written currency is either one currency ("INR", "₹", "rupiah") or a
// family of them: "$" and "dollars" are any dollar, 元 and 块 any yuan-style
// currency (CNY, HKD, TWD, MOP), ¥ is CNY or JPY, "cents" a hundredth of any
// currency with cents. An amount in a family carries its most likely code
// in Unit and the family in Family; it fits a goal in any member.

// isoCurrencies are the active ISO 4217 codes.
const isoCurrencies = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD " +
	"CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD " +
	"HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD " +
	"MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG " +
	"QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD " +
	"TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL"

var isoSet = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(isoCurrencies) {
		m[c] = true
	}
	return m
}()

// IsCurrency reports whether unit is an ISO 4217 currency code.
func IsCurrency(unit string) bool { return isoSet[unit] }

// currencyDecimals is how many digits the minor unit has, where it is not 2.
var currencyDecimals = map[string]int{
	"JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "UGX": 0, "XAF": 0, "XOF": 0, "XPF": 0, "KMF": 0,
	"GNF": 0, "PYG": 0, "RWF": 0, "VUV": 0, "BIF": 0, "DJF": 0,
	"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "IQD": 3, "LYD": 3, "TND": 3,
}

func minorDigits(code string) int {
	if d, ok := currencyDecimals[code]; ok {
		return d
	}
	return 2
}

// Families of currencies written alike.
const (
	famDollar = "dollar"
	famYuan   = "yuan" // 元, 块, 圆: CNY, HKD (港元), TWD (新台币元), MOP
	famYen    = "yen"  // ¥: CNY or JPY
	famPound  = "pound"
	famRupee  = "rupee"
	famDinar  = "dinar"
	famRial   = "rial"
	famRiyal  = "riyal"
	famPeso   = "peso"
	famFranc  = "franc"
	famKrone  = "krone"
	famDirham = "dirham"
	famCent   = "cent" // a hundredth of any currency with cents
)

var familyMembers = map[string][]string{
	famDollar: {"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "BBD", "BMD", "BND", "BSD", "BZD", "FJD", "GYD", "JMD",
		"KYD", "LRD", "NAD", "SBD", "SRD", "TTD", "XCD", "ZWL"},
	famYuan:   {"CNY", "HKD", "TWD", "MOP"},
	famYen:    {"CNY", "JPY"},
	famPound:  {"GBP", "EGP", "LBP", "SYP", "SDG", "SSP", "FKP", "GIP", "SHP"},
	famRupee:  {"INR", "PKR", "LKR", "NPR", "MUR", "SCR"},
	famDinar:  {"KWD", "BHD", "JOD", "IQD", "LYD", "TND", "DZD", "RSD", "MKD"},
	famRial:   {"OMR", "IRR", "YER"},
	famRiyal:  {"SAR", "QAR"},
	famPeso:   {"MXN", "ARS", "CLP", "COP", "PHP", "UYU", "DOP", "CUP"},
	famFranc:  {"CHF", "XAF", "XOF", "XPF", "CDF", "GNF", "RWF", "BIF", "DJF", "KMF"},
	famKrone:  {"SEK", "NOK", "DKK", "ISK"},
	famDirham: {"AED", "MAD"},
}

// FitsCurrency reports whether an amount written in a's currency may be
// logged to a goal counted in goal (a currency code).
func (a Amount) FitsCurrency(goal string) bool {
	switch {
	case !IsCurrency(a.Unit) && a.Family == "":
		return true
	case a.Family == famCent:
		return IsCurrency(goal) && minorDigits(goal) == 2
	case a.Family != "":
		for _, c := range familyMembers[a.Family] {
			if c == goal {
				return true
			}
		}
		return false
	}
	return a.Unit == goal
}

// Currency is the code an amount is most likely in ("" for none): its
// Unit, or for "5 pounds" the first currency of its family.
func (a Amount) Currency() string {
	if IsCurrency(a.Unit) {
		return a.Unit
	}
	if m := familyMembers[a.Family]; len(m) > 0 {
		return m[0]
	}
	return ""
}

// moneyForm is one way of writing a currency: its code, or a family with
// the code it most likely means.
type moneyForm struct {
	lit    string // folded: lower case, ASCII
	code   string
	family string
}

// Symbols and codes written before the number (US$5, RM 42, Rs. 20, EUR 20)
// or after it (20€, 10$). Longer forms come before their prefixes.
var moneySymbols = []moneyForm{
	{"us$", "USD", ""}, {"nt$", "TWD", ""}, {"hk$", "HKD", ""}, {"a$", "AUD", ""}, {"au$", "AUD", ""},
	{"c$", "CAD", ""}, {"ca$", "CAD", ""}, {"s$", "SGD", ""}, {"nz$", "NZD", ""}, {"r$", "BRL", ""},
	{"mx$", "MXN", ""}, {"e£", "EGP", ""}, {"l.e.", "EGP", ""}, {"l.e", "EGP", ""},
	{"$", "USD", famDollar}, {"€", "EUR", ""}, {"£", "GBP", famPound}, {"¥", "CNY", famYen},
	{"₹", "INR", ""}, {"₩", "KRW", ""}, {"₽", "RUB", ""}, {"₺", "TRY", ""}, {"₪", "ILS", ""}, {"฿", "THB", ""},
	{"₫", "VND", ""}, {"₱", "PHP", ""}, {"₦", "NGN", ""}, {"₴", "UAH", ""}, {"₸", "KZT", ""}, {"₮", "MNT", ""},
	{"zł", "PLN", ""}, {"rs.", "INR", famRupee}, {"rs", "INR", famRupee}, {"rm", "MYR", ""},
	{"rmb", "CNY", ""}, {"ntd", "TWD", ""},
}

// lowerCodes may be typed in lower case; other codes must be upper case,
// since many are English words (ALL, TOP, CUP, PEN, TRY ...).
var lowerCodes = setOf("usd eur gbp jpy cny hkd twd sgd myr inr cad chf aud nzd krw thb aed sar qar egp php idr vnd zar brl " +
	"mxn rub uah ils sek nok dkk pln czk huf kwd omr bhd jod lbp mnt kzt pkr lkr npr bdt")

// wordCodes are codes that are also English words or names: in capitals
// they still count after a number (5 TOP), never before one ("TOP 5 deals").
var wordCodes = setOf("ALL TOP CUP PEN TRY GEL BAM BOB MAD SOS AMD ANG MOP RON DOP LSL SHP NAD")

// Names written after the number ("20 euros", "42 malaysian ringgits"), or
// before it when they have more than one word ("malaysian ringgit 42").
// Words may run together ("42 egyptianpound", "42 Saudiriyal").
var moneyNames = []moneyForm{
	{"us dollar", "USD", ""}, {"american dollar", "USD", ""}, {"canadian dollar", "CAD", ""},
	{"australian dollar", "AUD", ""}, {"new zealand dollar", "NZD", ""}, {"singapore dollar", "SGD", ""},
	{"hong kong dollar", "HKD", ""}, {"new taiwan dollar", "TWD", ""}, {"taiwan dollar", "TWD", ""},
	{"egyptian pound", "EGP", ""}, {"lebanese pound", "LBP", ""}, {"british pound", "GBP", ""}, {"pound sterling", "GBP", ""},
	{"saudi riyal", "SAR", ""}, {"saudi rial", "SAR", ""}, {"qatari riyal", "QAR", ""}, {"omani rial", "OMR", ""},
	{"iranian rial", "IRR", ""}, {"malaysian ringgit", "MYR", ""}, {"malaysia ringgit", "MYR", ""},
	{"indian rupee", "INR", ""}, {"pakistani rupee", "PKR", ""}, {"sri lankan rupee", "LKR", ""}, {"nepalese rupee", "NPR", ""},
	{"swiss franc", "CHF", ""}, {"mexican peso", "MXN", ""}, {"philippine peso", "PHP", ""}, {"argentine peso", "ARS", ""},
	{"kuwaiti dinar", "KWD", ""}, {"jordanian dinar", "JOD", ""}, {"bahraini dinar", "BHD", ""}, {"iraqi dinar", "IQD", ""},
	{"uae dirham", "AED", ""}, {"emirati dirham", "AED", ""}, {"moroccan dirham", "MAD", ""},
	{"south african rand", "ZAR", ""}, {"turkish lira", "TRY", ""}, {"russian ruble", "RUB", ""}, {"japanese yen", "JPY", ""},
	{"chinese yuan", "CNY", ""}, {"korean won", "KRW", ""}, {"south korean won", "KRW", ""}, {"thai baht", "THB", ""},
	{"israeli shekel", "ILS", ""}, {"new israeli shekel", "ILS", ""}, {"mongolian tugrik", "MNT", ""},
	{"swedish krona", "SEK", ""}, {"norwegian krone", "NOK", ""}, {"danish krone", "DKK", ""}, {"indonesian rupiah", "IDR", ""},
	{"vietnamese dong", "VND", ""}, {"polish zloty", "PLN", ""}, {"hungarian forint", "HUF", ""}, {"brazilian real", "BRL", ""},
	{"ukrainian hryvnia", "UAH", ""}, {"nigerian naira", "NGN", ""}, {"kenyan shilling", "KES", ""},
	// one word, after the number only
	{"dollar", "USD", famDollar}, {"buck", "USD", famDollar}, {"euro", "EUR", ""}, {"pound", "GBP", famPound},
	{"quid", "GBP", ""}, {"yen", "JPY", ""}, {"yuan", "CNY", ""}, {"renminbi", "CNY", ""},
	{"rupee", "INR", famRupee}, {"ringgit", "MYR", ""}, {"dinar", "KWD", famDinar}, {"rial", "OMR", famRial},
	{"riyal", "SAR", famRiyal}, {"shekel", "ILS", ""}, {"baht", "THB", ""}, {"won", "KRW", ""}, {"peso", "MXN", famPeso},
	{"franc", "CHF", famFranc}, {"krona", "SEK", famKrone}, {"krone", "SEK", famKrone}, {"kronor", "SEK", famKrone},
	{"kroner", "SEK", famKrone}, {"kr", "SEK", famKrone}, {"dirham", "AED", famDirham}, {"rand", "ZAR", ""},
	{"lira", "TRY", ""}, {"ruble", "RUB", ""}, {"rouble", "RUB", ""}, {"tugrik", "MNT", ""}, {"tugrug", "MNT", ""},
	{"rupiah", "IDR", ""}, {"zloty", "PLN", ""}, {"forint", "HUF", ""}, {"reais", "BRL", ""}, {"hryvnia", "UAH", ""},
	{"naira", "NGN", ""}, {"dong", "VND", ""},
}

// Chinese currency names, before or after the number.
var moneyZh = []moneyForm{
	{"人民币", "CNY", ""}, {"人民幣", "CNY", ""}, {"美元", "USD", ""}, {"美金", "USD", ""}, {"欧元", "EUR", ""}, {"歐元", "EUR", ""},
	{"英镑", "GBP", ""}, {"英鎊", "GBP", ""}, {"日元", "JPY", ""}, {"日圆", "JPY", ""}, {"日圓", "JPY", ""}, {"円", "JPY", ""},
	{"港币", "HKD", ""}, {"港幣", "HKD", ""}, {"港元", "HKD", ""}, {"新台币", "TWD", ""}, {"新台幣", "TWD", ""},
	{"台币", "TWD", ""}, {"台幣", "TWD", ""}, {"澳门币", "MOP", ""}, {"澳門幣", "MOP", ""}, {"澳门元", "MOP", ""}, {"澳門元", "MOP", ""},
	{"新加坡元", "SGD", ""}, {"新币", "SGD", ""}, {"新幣", "SGD", ""}, {"令吉", "MYR", ""}, {"马币", "MYR", ""}, {"馬幣", "MYR", ""},
	{"印度卢比", "INR", ""}, {"印度盧比", "INR", ""}, {"卢比", "INR", famRupee}, {"盧比", "INR", famRupee},
	{"韩元", "KRW", ""}, {"韓元", "KRW", ""}, {"泰铢", "THB", ""}, {"泰銖", "THB", ""}, {"澳元", "AUD", ""}, {"澳币", "AUD", ""},
	{"澳幣", "AUD", ""}, {"加元", "CAD", ""}, {"加币", "CAD", ""}, {"加幣", "CAD", ""}, {"瑞士法郎", "CHF", ""}, {"法郎", "CHF", famFranc},
	{"卢布", "RUB", ""}, {"盧布", "RUB", ""}, {"越南盾", "VND", ""}, {"迪拉姆", "AED", famDirham},
}

// yuanWords are the everyday words for "units of money" in Chinese: the
// statement's own currency alone, the written one after it (NT$300元).
var yuanWords = []string{"块钱", "塊錢", "元", "块", "塊", "圆", "圓", "蚊"}

// Words for a hundredth of a currency.
var centWords = []string{"cents", "cent", "pennies", "penny", "pence", "sen", "paise", "centavos", "centavo", "c", "¢"}

// moneyNamesByRune holds the names and Chinese names by their first
// rune, longest first, so a look-up at every position stays cheap.
var moneyNamesByRune = func() map[rune][]moneyForm {
	all := append(append([]moneyForm{}, moneyNames...), moneyZh...)
	sort.SliceStable(all, func(i, j int) bool { return len(all[i].lit) > len(all[j].lit) })
	m := map[rune][]moneyForm{}
	for _, f := range all {
		c := []rune(f.lit)[0]
		m[c] = append(m[c], f)
	}
	return m
}()

// moneySymbolsByRune holds the symbols by their first rune, in order.
var moneySymbolsByRune = func() map[rune][]moneyForm {
	m := map[rune][]moneyForm{}
	for _, f := range moneySymbols {
		c := []rune(f.lit)[0]
		m[c] = append(m[c], f)
	}
	return m
}()

// currencyInfo is how the bot writes a currency.
type currencyInfo struct {
	symbol string    // English replies: $115,000; "" writes "115,000 INR"
	zh     [2]string // zh-CN, zh-TW: 11.5万元
}

var currencyWriting = map[string]currencyInfo{
	"USD": {"$", [2]string{"美元", "美元"}}, "CNY": {"¥", [2]string{"元", "人民幣"}}, "TWD": {"NT$", [2]string{"新台币", "元"}},
	"EUR": {"€", [2]string{"欧元", "歐元"}}, "GBP": {"£", [2]string{"英镑", "英鎊"}}, "HKD": {"HK$", [2]string{"港元", "港元"}},
	"JPY": {"JP¥", [2]string{"日元", "日圓"}}, "INR": {"₹", [2]string{"印度卢比", "印度盧比"}}, "KRW": {"₩", [2]string{"韩元", "韓元"}},
	"MYR": {"RM", [2]string{"马来西亚令吉", "馬來西亞令吉"}}, "SGD": {"S$", [2]string{"新加坡元", "新加坡元"}},
	"AUD": {"A$", [2]string{"澳元", "澳元"}}, "CAD": {"CA$", [2]string{"加元", "加元"}}, "NZD": {"NZ$", [2]string{"新西兰元", "紐西蘭元"}},
	"THB": {"฿", [2]string{"泰铢", "泰銖"}}, "MOP": {"MOP$", [2]string{"澳门元", "澳門元"}}, "ILS": {"₪", [2]string{"新谢克尔", "新謝克爾"}},
	"VND": {"₫", [2]string{"越南盾", "越南盾"}}, "PHP": {"₱", [2]string{"菲律宾比索", "菲律賓比索"}}, "RUB": {"₽", [2]string{"卢布", "盧布"}},
	"CHF": {"", [2]string{"瑞士法郎", "瑞士法郎"}}, "AED": {"", [2]string{"迪拉姆", "迪拉姆"}},
}

// CurrencySymbol is the symbol English replies write before an amount in
// code ("$", "₹", "NT$"), or "" when the code is written after the number.
func CurrencySymbol(code string) string { return currencyWriting[code].symbol }

// CurrencyNameZh is the Chinese word written after an amount in code:
// 元, 美元, 印度卢比; the code itself for a currency without one.
func CurrencyNameZh(code string, traditional bool) string {
	w, ok := currencyWriting[code]
	switch {
	case !ok:
		return " " + code
	case traditional:
		return w.zh[1]
	}
	return w.zh[0]
}

// FormatMoney writes v in the currency code for English: $1,234.5, ₹1,000,
// 20 CHF. num is the number already formatted.
func FormatMoney(num, code string) string {
	if s := CurrencySymbol(code); s != "" {
		return s + num
	}
	return num + " " + code
}
