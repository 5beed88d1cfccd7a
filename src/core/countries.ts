/**
 * Country names, demonyms and IOC codes, so "Norway's", "of Norway", "Norwegian", "the Scot" and
 * "(NOR)" all resolve to the same code.
 */

// One compact line per country: IOC | names | demonyms. Names that are common given names
// (Jordan, Chad, Georgia) are left out of the names so "Jordan Smith" stays a person.
const TABLE = `
USA|United States,United States of America,USA,US,U.S.,America|American,Americans
GBR|Great Britain,Britain,United Kingdom,UK,England,Scotland,Wales,Northern Ireland,GB|British,Briton,Britons,Brit,Brits,English,Englishman,Englishwoman,Scottish,Scot,Scots,Scotsman,Scotswoman,Welsh,Welshman,Welshwoman
NOR|Norway|Norwegian,Norwegians
SWE|Sweden|Swedish,Swede,Swedes
DEN|Denmark|Danish,Dane,Danes
FIN|Finland|Finnish,Finn,Finns
ISL|Iceland|Icelandic,Icelander
KEN|Kenya|Kenyan,Kenyans
ETH|Ethiopia|Ethiopian,Ethiopians
ERI|Eritrea|Eritrean,Eritreans
UGA|Uganda|Ugandan,Ugandans
TAN|Tanzania|Tanzanian,Tanzanians
BDI|Burundi|Burundian
RWA|Rwanda|Rwandan
SOM|Somalia|Somali,Somalian
DJI|Djibouti|Djiboutian
SUD|Sudan|Sudanese
JAM|Jamaica|Jamaican,Jamaicans
CAN|Canada|Canadian,Canadians
MEX|Mexico|Mexican,Mexicans
NGR|Nigeria|Nigerian,Nigerians
GHA|Ghana|Ghanaian,Ghanaians
CIV|Ivory Coast,Côte d'Ivoire,Cote d'Ivoire|Ivorian,Ivorians
SEN|Senegal|Senegalese
CMR|Cameroon|Cameroonian
RSA|South Africa|South African,South Africans
NAM|Namibia|Namibian
BOT|Botswana|Motswana,Batswana,Botswanan
ZIM|Zimbabwe|Zimbabwean
ZAM|Zambia|Zambian
LES|Lesotho|Basotho
MAR|Morocco|Moroccan,Moroccans
ALG|Algeria|Algerian,Algerians
TUN|Tunisia|Tunisian
EGY|Egypt|Egyptian
GER|Germany|German,Germans
FRA|France|French,Frenchman,Frenchwoman
ITA|Italy|Italian,Italians
ESP|Spain|Spanish,Spaniard,Spaniards
POR|Portugal|Portuguese
NED|Netherlands,The Netherlands,Holland|Dutch,Dutchman,Dutchwoman
BEL|Belgium|Belgian,Belgians
SUI|Switzerland|Swiss
AUT|Austria|Austrian
IRL|Ireland,Republic of Ireland|Irish,Irishman,Irishwoman
POL|Poland|Polish,Pole,Poles
CZE|Czech Republic,Czechia|Czech,Czechs
SVK|Slovakia|Slovak,Slovakian
HUN|Hungary|Hungarian
SLO|Slovenia|Slovenian,Slovene
CRO|Croatia|Croatian
SRB|Serbia|Serbian
BIH|Bosnia and Herzegovina,Bosnia|Bosnian
MNE|Montenegro|Montenegrin
ALB|Albania|Albanian
ROU|Romania|Romanian
BUL|Bulgaria|Bulgarian
GRE|Greece|Greek,Greeks
CYP|Cyprus|Cypriot
MLT|Malta|Maltese
TUR|Turkey,Türkiye|Turkish
UKR|Ukraine|Ukrainian,Ukrainians
BLR|Belarus|Belarusian
RUS|Russia|Russian,Russians
MDA|Moldova|Moldovan
EST|Estonia|Estonian
LAT|Latvia|Latvian
LTU|Lithuania|Lithuanian
LUX|Luxembourg|Luxembourger
ISR|Israel|Israeli
QAT|Qatar|Qatari
BRN|Bahrain|Bahraini
KSA|Saudi Arabia|Saudi
IRI|Iran|Iranian
IND|India|Indian,Indians
PAK|Pakistan|Pakistani
SRI|Sri Lanka|Sri Lankan
JPN|Japan|Japanese
CHN|China|Chinese
KOR|South Korea,Korea|South Korean,Korean
TPE|Chinese Taipei,Taiwan|Taiwanese
HKG|Hong Kong|Hongkonger
PHI|Philippines|Filipino,Filipina
THA|Thailand|Thai
INA|Indonesia|Indonesian
MAS|Malaysia|Malaysian
SGP|Singapore|Singaporean
KAZ|Kazakhstan|Kazakh,Kazakhstani
UZB|Uzbekistan|Uzbek
AUS|Australia|Australian,Australians,Aussie
NZL|New Zealand|New Zealander,Kiwi
FIJ|Fiji|Fijian
BRA|Brazil|Brazilian,Brazilians
ARG|Argentina|Argentine,Argentinian
CHI|Chile|Chilean
COL|Colombia|Colombian
VEN|Venezuela|Venezuelan
ECU|Ecuador|Ecuadorian
PER|Peru|Peruvian
URU|Uruguay|Uruguayan
CUB|Cuba|Cuban,Cubans
DOM|Dominican Republic|Dominican
PUR|Puerto Rico|Puerto Rican
BAH|Bahamas,The Bahamas|Bahamian,Bahamians
TTO|Trinidad and Tobago,Trinidad|Trinidadian
BAR|Barbados|Barbadian,Bajan
GRN|Grenada|Grenadian
LCA|Saint Lucia,St Lucia|Saint Lucian,St Lucian
BER|Bermuda|Bermudian
`;

const byName = new Map<string, string>();
const byDemonym = new Map<string, string>();
const codes = new Set<string>();
const canonical = new Map<string, string>();

for (const line of TABLE.split('\n')) {
  const [ioc, names, demonyms] = line.split('|');
  if (!ioc || !names || !demonyms) continue;
  codes.add(ioc);
  const nameList = names.split(',');
  canonical.set(ioc, nameList[0] ?? ioc);
  for (const n of nameList) byName.set(n.toLowerCase(), ioc);
  for (const d of demonyms.split(',')) byDemonym.set(d.toLowerCase(), ioc);
}

// Display names only, for IOC codes the results files carry: never matched in report text (some are
// also given names, "Georgia", "Jordan", "Chad"), so ingest keeps reading them as people.
const DISPLAY_ONLY = `
AFG|Afghanistan
AND|Andorra
ANG|Angola
ANT|Antigua and Barbuda
ARM|Armenia
ASA|American Samoa
AZE|Azerbaijan
BAN|Bangladesh
BEN|Benin
BIZ|Belize
BOL|Bolivia
BRU|Brunei
BUR|Burkina Faso
CAF|Central African Republic
CAM|Cambodia
CAY|Cayman Islands
CGO|Congo
CHA|Chad
COD|DR Congo
COK|Cook Islands
COM|Comoros
CPV|Cape Verde
CRC|Costa Rica
DMA|Dominica
ESA|El Salvador
FSM|Micronesia
GAB|Gabon
GAM|The Gambia
GBS|Guinea-Bissau
GEO|Georgia
GEQ|Equatorial Guinea
GIB|Gibraltar
GUA|Guatemala
GUI|Guinea
GUM|Guam
GUY|Guyana
HAI|Haiti
HON|Honduras
ISV|US Virgin Islands
IVB|British Virgin Islands
JOR|Jordan
KGZ|Kyrgyzstan
KIR|Kiribati
KOS|Kosovo
LAO|Laos
LBA|Libya
LBR|Liberia
LIB|Lebanon
MAD|Madagascar
MAW|Malawi
MDV|Maldives
MGL|Mongolia
MHL|Marshall Islands
MKD|North Macedonia
MLI|Mali
MON|Monaco
MOZ|Mozambique
MRI|Mauritius
MTN|Mauritania
MYA|Myanmar
NCA|Nicaragua
NEP|Nepal
NIG|Niger
OMA|Oman
PAN|Panama
PAR|Paraguay
PLE|Palestine
PLW|Palau
PNG|Papua New Guinea
PRK|North Korea
SAM|Samoa
SEY|Seychelles
SIN|Singapore
SKN|Saint Kitts and Nevis
SLE|Sierra Leone
SMR|San Marino
SOL|Solomon Islands
SSD|South Sudan
STP|São Tomé and Príncipe
SUR|Suriname
SWZ|Eswatini
SYR|Syria
TGA|Tonga
TJK|Tajikistan
TKM|Turkmenistan
TLS|Timor-Leste
TOG|Togo
TUV|Tuvalu
UAE|United Arab Emirates
VIE|Vietnam
VIN|Saint Vincent and the Grenadines
YEM|Yemen
`;
for (const line of DISPLAY_ONLY.split('\n')) {
  const [ioc, name] = line.split('|');
  if (ioc && name && !canonical.has(ioc)) canonical.set(ioc, name);
}

/** IOC code for a country name ("Norway", "Great Britain", "US"), or null. */
export function countryByName(name: string): string | null {
  return byName.get(name.trim().toLowerCase()) ?? null;
}

/** IOC code for a demonym ("Norwegian", "Scot", "Briton"), or null. */
export function countryByDemonym(word: string): string | null {
  return byDemonym.get(word.trim().toLowerCase()) ?? null;
}

/** True when the text is a known three-letter IOC code ("NOR"). */
export function isIocCode(code: string): boolean {
  return codes.has(code);
}

/** IOC code for "(NOR)", "Norway", "Norwegian" or "NOR" alike, or null. */
export function countryOf(text: string): string | null {
  const t = text.trim();
  if (/^[A-Z]{3}$/.test(t) && codes.has(t)) return t;
  return countryByName(t) ?? countryByDemonym(t);
}

/** Every country name and demonym, longest first, for building patterns. */
export function countryWords(): string[] {
  return [...byName.keys(), ...byDemonym.keys()].sort((a, b) => b.length - a.length);
}

/** Country names only (lower case), longest first. */
export function countryNames(): string[] {
  return [...byName.keys()].sort((a, b) => b.length - a.length);
}

/** Demonyms only (lower case), longest first. */
export function demonymWords(): string[] {
  return [...byDemonym.keys()].sort((a, b) => b.length - a.length);
}

/** A country's usual English name from its IOC code ("JAM" → "Jamaica"), or the code itself. */
export function countryName(code: string): string {
  return canonical.get(code) ?? code;
}
