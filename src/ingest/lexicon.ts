/** Word lists the ingest rules share: speech verbs, pronouns, calendar words, places, platforms. */

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/** Verbs that introduce or tag a quotation ("…," Kerr said / Kerr insisted: "…"). */
export const SPEECH_VERBS = words(`
say says said saying add adds added insist insists insisted tell tells told post posts posted
write writes wrote explain explains explained admit admits admitted continue continues continued
note notes noted recall recalls recalled reflect reflects reflected declare declares declared
remark remarks remarked state states stated joke jokes joked laugh laughs laughed quip quips quipped
confirm confirms confirmed confess confesses confessed concede concedes conceded acknowledge
acknowledges acknowledged reveal reveals revealed shout shouts shouted scream screamed yell yelled
cry cries cried sob sobbed whisper whispered mutter muttered sigh sighed gush gushed enthuse
enthused tweet tweets tweeted reply replies replied respond responds responded answer answers
answered ask asks asked argue argues argued claim claims claimed maintain maintains maintained
stress stresses stressed emphasise emphasised emphasize emphasized observe observes observed
offer offered agree agrees agreed warn warns warned predict predicted promise promised vow vowed
boast boasted grin grinned reckon reckons reckoned muse mused share shares shared caption captioned
comment comments commented announce announces announced lament lamented ponder pondered
summarise summarised summarize summarized suggest suggested assure assured recount recounted
echo echoed exclaim exclaimed protest protested fume fumed chuckle chuckled tease teased hint hinted
proclaim proclaimed counter countered retort retorted smile smiled beam beamed joke joked
insist chimed chime interject interjected mused conclude concluded begin began chant chanted
tells writes captions messaged texted told
roar roars roared bellow bellowed holler hollered gasp gasped
`);

/** Multi-word speech verbs ("went on", "pointed out"). */
export const SPEECH_PHRASES = [
  'went on',
  'goes on',
  'pointed out',
  'points out',
  'chimed in',
  'summed up',
  'sums up',
];

/** Gestures that often sit right before a quote in its own sentence ("He grinned. "Not yet.""). */
export const BEAT_VERBS = words(`
grinned smiled laughed shrugged nodded sighed paused beamed winked chuckled joked insisted said added
explained admitted smirked grimaced frowned
`);

/** Verbs that report speech into a social network. */
export const SOCIAL_VERBS = words('posted tweeted posts tweets captioned shared messaged texted');

/** Adverbs that sit between a speaker and the verb ("Kerr later said"). */
export const ATTRIBUTION_ADVERBS = words(`
later then also still simply just once again quickly quietly proudly firmly calmly softly
afterwards immediately finally happily sadly bluntly candidly emotionally
`);

/** Subject pronouns and their gender. */
export const PRONOUN_GENDER: ReadonlyMap<string, 'm' | 'f' | 'x'> = new Map([
  ['he', 'm'],
  ['she', 'f'],
  ['they', 'x'],
  ['we', 'x'],
  ['i', 'x'],
]);

/** Possessive pronouns that can open a lead-in ("Her verdict:"). */
export const POSSESSIVE_GENDER: ReadonlyMap<string, 'm' | 'f'> = new Map([
  ['his', 'm'],
  ['her', 'f'],
]);

/** Nouns that make "His verdict:" or "Her post on Instagram:" a lead-in to the speaker's words. */
export const LEAD_IN_NOUNS = words(`
verdict message reaction response reply answer explanation assessment words post tweet caption
view take summary advice thoughts thought comment comments statement update note
`);

/** Social platforms and the phrases that put a quote on social media. */
export const SOCIAL_PLATFORMS = words(
  'Instagram Twitter X Facebook TikTok Threads Strava YouTube Snapchat Bluesky LinkedIn Weibo WhatsApp',
);

/** Day names, Sunday first (matches Date#getUTCDay). */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Month names with their number. */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
]);

/** Ordinal words and their number. */
export const ORDINALS: ReadonlyMap<string, number> = new Map([
  ['first', 1],
  ['second', 2],
  ['third', 3],
  ['fourth', 4],
  ['fifth', 5],
  ['sixth', 6],
  ['seventh', 7],
  ['eighth', 8],
  ['ninth', 9],
  ['tenth', 10],
  ['eleventh', 11],
  ['twelfth', 12],
  ['thirteenth', 13],
  ['fourteenth', 14],
  ['fifteenth', 15],
  ['1st', 1],
  ['2nd', 2],
  ['3rd', 3],
  ['4th', 4],
  ['5th', 5],
  ['6th', 6],
  ['7th', 7],
  ['8th', 8],
  ['9th', 9],
  ['10th', 10],
  ['11th', 11],
  ['12th', 12],
  ['13th', 13],
  ['14th', 14],
  ['15th', 15],
]);

/** City → IANA time zone, for cities where athletics is often held. Also keeps cities out of names. */
export const CITY_TIME_ZONES: ReadonlyMap<string, string> = new Map([
  ['Paris', 'Europe/Paris'],
  ['Saint-Denis', 'Europe/Paris'],
  ['Monaco', 'Europe/Monaco'],
  ['London', 'Europe/London'],
  ['Glasgow', 'Europe/London'],
  ['Edinburgh', 'Europe/London'],
  ['Manchester', 'Europe/London'],
  ['Birmingham', 'Europe/London'],
  ['Gateshead', 'Europe/London'],
  ['Leeds', 'Europe/London'],
  ['Cardiff', 'Europe/London'],
  ['Belfast', 'Europe/London'],
  ['Dublin', 'Europe/Dublin'],
  ['Tokyo', 'Asia/Tokyo'],
  ['Osaka', 'Asia/Tokyo'],
  ['Beijing', 'Asia/Shanghai'],
  ['Shanghai', 'Asia/Shanghai'],
  ['Xiamen', 'Asia/Shanghai'],
  ['Nanjing', 'Asia/Shanghai'],
  ['Seoul', 'Asia/Seoul'],
  ['Daegu', 'Asia/Seoul'],
  ['Doha', 'Asia/Qatar'],
  ['Rio', 'America/Sao_Paulo'],
  ['Rio de Janeiro', 'America/Sao_Paulo'],
  ['Los Angeles', 'America/Los_Angeles'],
  ['Eugene', 'America/Los_Angeles'],
  ['Oregon', 'America/Los_Angeles'],
  ['New York', 'America/New_York'],
  ['Boston', 'America/New_York'],
  ['Chicago', 'America/Chicago'],
  ['Toronto', 'America/Toronto'],
  ['Vancouver', 'America/Vancouver'],
  ['Edmonton', 'America/Edmonton'],
  ['Mexico City', 'America/Mexico_City'],
  ['Kingston', 'America/Jamaica'],
  ['Nairobi', 'Africa/Nairobi'],
  ['Addis Ababa', 'Africa/Addis_Ababa'],
  ['Rabat', 'Africa/Casablanca'],
  ['Budapest', 'Europe/Budapest'],
  ['Berlin', 'Europe/Berlin'],
  ['Munich', 'Europe/Berlin'],
  ['Stockholm', 'Europe/Stockholm'],
  ['Oslo', 'Europe/Oslo'],
  ['Bergen', 'Europe/Oslo'],
  ['Helsinki', 'Europe/Helsinki'],
  ['Copenhagen', 'Europe/Copenhagen'],
  ['Zurich', 'Europe/Zurich'],
  ['Lausanne', 'Europe/Zurich'],
  ['Brussels', 'Europe/Brussels'],
  ['Amsterdam', 'Europe/Amsterdam'],
  ['Rotterdam', 'Europe/Amsterdam'],
  ['Rome', 'Europe/Rome'],
  ['Florence', 'Europe/Rome'],
  ['Madrid', 'Europe/Madrid'],
  ['Barcelona', 'Europe/Madrid'],
  ['Valencia', 'Europe/Madrid'],
  ['Seville', 'Europe/Madrid'],
  ['Lisbon', 'Europe/Lisbon'],
  ['Prague', 'Europe/Prague'],
  ['Ostrava', 'Europe/Prague'],
  ['Warsaw', 'Europe/Warsaw'],
  ['Chorzow', 'Europe/Warsaw'],
  ['Torun', 'Europe/Warsaw'],
  ['Belgrade', 'Europe/Belgrade'],
  ['Athens', 'Europe/Athens'],
  ['Istanbul', 'Europe/Istanbul'],
  ['Moscow', 'Europe/Moscow'],
  ['Sydney', 'Australia/Sydney'],
  ['Melbourne', 'Australia/Melbourne'],
  ['Brisbane', 'Australia/Brisbane'],
  ['Gold Coast', 'Australia/Brisbane'],
  ['Auckland', 'Pacific/Auckland'],
]);

/** Known venues: city and time zone, for turning a draft into an event. */
export const VENUES: ReadonlyMap<string, { city: string; timeZone: string; country: string }> = new Map([
  ['Stade de France', { city: 'Saint-Denis', timeZone: 'Europe/Paris', country: 'FRA' }],
  ['Hayward Field', { city: 'Eugene', timeZone: 'America/Los_Angeles', country: 'USA' }],
  ['London Stadium', { city: 'London', timeZone: 'Europe/London', country: 'GBR' }],
  ['Olympic Stadium', { city: 'London', timeZone: 'Europe/London', country: 'GBR' }],
  ['Japan National Stadium', { city: 'Tokyo', timeZone: 'Asia/Tokyo', country: 'JPN' }],
  ['National Athletics Centre', { city: 'Budapest', timeZone: 'Europe/Budapest', country: 'HUN' }],
  ['Bislett Stadium', { city: 'Oslo', timeZone: 'Europe/Oslo', country: 'NOR' }],
  ['Letzigrund', { city: 'Zurich', timeZone: 'Europe/Zurich', country: 'SUI' }],
  ['Stade Louis II', { city: 'Monaco', timeZone: 'Europe/Monaco', country: 'MON' }],
  ['Olympiastadion', { city: 'Berlin', timeZone: 'Europe/Berlin', country: 'GER' }],
  ['Khalifa International Stadium', { city: 'Doha', timeZone: 'Asia/Qatar', country: 'QAT' }],
]);

/** Words that end a venue name ("Hallerby Stadium", "Stade de France"). */
export const VENUE_WORDS = words(`
Stadium Stade Stadion Stadio Estadio Arena Park Field Oval Bowl Centre Center Coliseum Colosseum Dome
Hall Velodrome Track Grounds Fieldhouse Olympiastadion Letzigrund Complex Ground
`);

/** Words that end a competition name ("Pan-Pacific Championships", "Harbour City Marathon"). */
export const COMPETITION_WORDS = words(`
Games Championships Championship Marathon Prix Classic Invitational Meeting Meet League Trials Relays
Cup Open Tour Series Final Finals Festival Olympics Run
`);

/** Words that are never part of a person's name even when capitalised. */
export const NOT_NAME_WORDS = words(`
The A An And But Or Of In On At To For With By From As After Before When While If It Its He She They
We I You His Her Their Our My Your This That These Those There Here Then Still Few Another Every
Everyone Everybody Nobody Somebody Today Tonight Yesterday Tomorrow Now So Yet Just Even Also Only What
Who How Why Where Which Later Earlier Meanwhile However Asked Speaking Writing According Full Results
Result Women Men Photo Photos Subscribe Join Thank Thanks Something Please Date Published Updated By
Staff Writer Reporter Getty Images Press Associated Reuters Sport Sports News Newsletter Olympic
Olympics Games World European Continental National Commonwealth Diamond League Championships
Championship Marathon Grand Prix Classic Invitational Indoor Outdoor Cup Trials Meeting Tour Final
Finals Race Director Coach President Dr Mr Mrs Ms Miss Sir Dame Captain Team Club University College
God Mum Mom Dad Yes No Oh Wow Well Not Never Always All Both Each Some Many Most Half Among Between
Behind Ahead Around Across Despite Without Within Over Under Up Down Out Off Into Onto Upon Than
Second Third Fourth Fifth First Last Next Gold Silver Bronze Record Records Heat Semi Round Lap Bell
Stadium Arena Park Field Track Hall Centre Center Street Road Avenue Fieldhouse
Athletics Federation Association Committee Council Ministry Government Airport Station
Instagram Twitter Facebook TikTok Threads Strava YouTube Snapchat Bluesky LinkedIn Weibo WhatsApp
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July
August September October November December Christmas Easter Spring Summer Autumn Winter Fall
Men's Women's Mixed Relay Hurdles Steeplechase Pole Vault Jump Javelin Discus Hammer Shot Put Mile
Googling Google Queen King Prince Princess Professor Doctor Paralympic Paralympics Paralympian Olympian
`);

/** Nouns for people in attribution descriptors ("said her coach", "the race director said"). */
export const ROLE_NOUNS = words(`
coach trainer agent manager director father mother dad mum mom brother sister husband wife partner
teammate compatriot rival friend physio physiotherapist doctor president chief organiser organizer
commentator spokesman spokeswoman spokesperson official referee starter son daughter girlfriend
boyfriend fiancee fiance champion winner favourite favorite
`);
