/**
 * Nationality adjectives and demonyms folded onto their country's name, so a question about
 * "Turkey" finds "the Turkish foreign minister" and "Iran" finds "Iranian officials". News text
 * names countries mostly through these adjectives; stemming alone does not relate them.
 */
const PAIRS = `
afghan afghanistan|albanian albania|algerian algeria|american america|angolan angola|argentine argentina|argentinian argentina|
armenian armenia|australian australia|austrian austria|azerbaijani azerbaijan|bahraini bahrain|bangladeshi bangladesh|
belarusian belarus|belgian belgium|bolivian bolivia|bosnian bosnia|brazilian brazil|british britain|bulgarian bulgaria|
burmese myanmar|cambodian cambodia|cameroonian cameroon|canadian canada|chadian chad|chilean chile|chinese china|
colombian colombia|congolese congo|croatian croatia|cuban cuba|cypriot cyprus|czech czechia|danish denmark|dutch netherlands|
ecuadorian ecuador|egyptian egypt|emirati emirates|english england|eritrean eritrea|estonian estonia|ethiopian ethiopia|
filipino philippines|finnish finland|french france|georgian georgia|german germany|ghanaian ghana|greek greece|
guatemalan guatemala|haitian haiti|honduran honduras|hungarian hungary|icelandic iceland|indian india|indonesian indonesia|
iranian iran|iraqi iraq|irish ireland|israeli israel|italian italy|jamaican jamaica|japanese japan|jordanian jordan|
kazakh kazakhstan|kenyan kenya|korean korea|kosovar kosovo|kuwaiti kuwait|kyrgyz kyrgyzstan|latvian latvia|lebanese lebanon|
libyan libya|lithuanian lithuania|malaysian malaysia|malian mali|mexican mexico|moldovan moldova|mongolian mongolia|
moroccan morocco|mozambican mozambique|namibian namibia|nepalese nepal|nicaraguan nicaragua|nigerian nigeria|nigerien niger|
norwegian norway|omani oman|pakistani pakistan|palestinian palestine|panamanian panama|paraguayan paraguay|peruvian peru|
polish poland|portuguese portugal|qatari qatar|romanian romania|russian russia|rwandan rwanda|saudi saudi|scottish scotland|
senegalese senegal|serbian serbia|singaporean singapore|slovak slovakia|slovenian slovenia|somali somalia|
south_african south_africa|spanish spain|sudanese sudan|swedish sweden|swiss switzerland|syrian syria|taiwanese taiwan|
tajik tajikistan|tanzanian tanzania|thai thailand|tunisian tunisia|turkish turkey|turkmen turkmenistan|ugandan uganda|
ukrainian ukraine|uruguayan uruguay|uzbek uzbekistan|venezuelan venezuela|vietnamese vietnam|welsh wales|yemeni yemen|
zambian zambia|zimbabwean zimbabwe|zionist israel`;

/** Lower-case adjective or demonym (singular and plural) → lower-case country name. */
export const DEMONYMS: ReadonlyMap<string, string> = new Map(
  PAIRS.split('|')
    .map((p) => p.trim().split(/\s+/))
    .filter((p): p is [string, string] => p.length === 2 && !p[0]!.includes('_'))
    .flatMap(([adj, country]) => [
      [adj, country],
      [`${adj}s`, country],
    ]),
);
