/**
 * Word lists for the synthetic news corpus: names, places, institutions, topics and outlets.
 * Invented or generic on purpose (no real article text), but shaped like wire copy so the
 * tokenizer, the date extractor and BM25 see realistic input.
 */

export const FIRST_NAMES = [
  'Amira', 'Daniel', 'Fatima', 'Hossein', 'Ingrid', 'Javier', 'Keiko', 'Lars', 'Maria', 'Nikolai',
  'Olga', 'Pedro', 'Rania', 'Samuel', 'Tariq', 'Ursula', 'Viktor', 'Wei', 'Yusuf', 'Zainab',
  'Ahmed', 'Beatriz', 'Carlos', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hakan', 'Irina', 'James',
  'Kemal', 'Leila', 'Mohammed', 'Nadia', 'Omar', 'Priya', 'Rashid', 'Sofia', 'Thomas', 'Yara',
  'Anton', 'Bilal', 'Chen', 'Dalia', 'Emre', 'Gustavo', 'Hana', 'Ivan', 'Julia', 'Karim',
] as const;

export const LAST_NAMES = [
  'Abdollahian', 'Barzani', 'Castillo', 'Dimitrov', 'Erdem', 'Fernandez', 'Gallagher', 'Haddad', 'Ibrahim', 'Jovanovic',
  'Kowalski', 'Lindqvist', 'Mansour', 'Nakamura', 'Okafor', 'Petrova', 'Qureshi', 'Rahimi', 'Santos', 'Tanaka',
  'Umarov', 'Vargas', 'Weber', 'Xu', 'Yilmaz', 'Zaidi', 'Almeida', 'Bakr', 'Costa', 'Dubois',
  'Eriksen', 'Farouk', 'Gomez', 'Hussein', 'Ivanova', 'Jansen', 'Khalil', 'Lopez', 'Moreau', 'Nasser',
  'Ortiz', 'Pavlov', 'Rossi', 'Sadeghi', 'Toure', 'Usmani', 'Volkov', 'Wright', 'Youssef', 'Zhang',
  'Adeyemi', 'Bianchi', 'Chaudhry', 'Delgado', 'Esposito', 'Fischer', 'Grant', 'Hosseini', 'Iqbal', 'Keller',
] as const;

export const PLACES = [
  'Gaza', 'Tehran', 'Doha', 'Cairo', 'Ankara', 'Beirut', 'Amman', 'Riyadh', 'Baghdad', 'Damascus',
  'Moscow', 'Kyiv', 'Warsaw', 'Berlin', 'Paris', 'Brussels', 'Geneva', 'Vienna', 'Madrid', 'Rome',
  'London', 'Dublin', 'Oslo', 'Stockholm', 'Helsinki', 'Athens', 'Istanbul', 'Baku', 'Tbilisi', 'Yerevan',
  'Nairobi', 'Lagos', 'Accra', 'Dakar', 'Addis Ababa', 'Khartoum', 'Tripoli', 'Tunis', 'Algiers', 'Rabat',
  'Delhi', 'Islamabad', 'Kabul', 'Dhaka', 'Colombo', 'Jakarta', 'Manila', 'Hanoi', 'Bangkok', 'Beijing',
  'Tokyo', 'Seoul', 'Canberra', 'Ottawa', 'Washington', 'Mexico City', 'Bogota', 'Lima', 'Santiago', 'Brasilia',
  'Caracas', 'Havana', 'La Paz', 'Buenos Aires', 'Montevideo', 'Quito', 'Sanaa', 'Muscat', 'Abu Dhabi', 'Kuwait City',
] as const;

export const ORGANIZATIONS = [
  'the United Nations', 'the World Health Organization', 'the European Union', 'the African Union', 'the Arab League',
  'the International Monetary Fund', 'the World Bank', 'the Red Cross', 'the central bank', 'the foreign ministry',
  'the defence ministry', 'the health ministry', 'the electoral commission', 'the supreme court', 'the parliament',
  'the security council', 'the national oil company', 'the port authority', 'the refugee agency', 'the energy regulator',
  'the finance ministry', 'the interior ministry', 'the transport union', 'the teachers union', 'the chamber of commerce',
  'the atomic energy agency', 'the food programme', 'the statistics office', 'the anti-corruption bureau', 'the coast guard',
] as const;

export const TITLES = [
  'Foreign Minister', 'Prime Minister', 'President', 'Defence Minister', 'Health Minister', 'Finance Minister',
  'Interior Minister', 'spokesperson', 'ambassador', 'envoy', 'governor', 'mayor', 'army chief', 'opposition leader',
  'central bank governor', 'trade minister', 'energy minister', 'senior official', 'lawmaker', 'union leader',
] as const;

/** Subjects of articles; each is a short noun phrase found in headlines and questions. */
export const TOPICS = [
  'ceasefire', 'prisoner exchange', 'humanitarian aid', 'oil exports', 'gas pipeline', 'interest rates', 'inflation',
  'election results', 'border crossing', 'trade agreement', 'nuclear programme', 'refugee camps', 'drought', 'floods',
  'earthquake relief', 'vaccine rollout', 'fuel prices', 'grain shipments', 'port blockade', 'sanctions',
  'peace talks', 'military exercises', 'cyber attack', 'corruption inquiry', 'budget deficit', 'power outages',
  'water shortage', 'wildfires', 'migrant arrivals', 'teacher strike', 'rail network', 'mining licences',
  'currency reserves', 'food prices', 'hospital funding', 'air strikes', 'hostage release', 'embassy closure',
  'constitutional reform', 'press freedom', 'debt restructuring', 'wheat harvest', 'solar farms', 'desalination plant',
  'fishing rights', 'airport expansion', 'tax reform', 'housing crisis', 'youth unemployment', 'climate summit',
] as const;

export const OUTLETS = [
  'Press TV', 'RT', 'AFP', 'Reuters', 'Anadolu', 'Al Jazeera', 'Tehran Times', 'Xinhua', 'TASS', 'Associated Press',
  'Middle East Eye', 'The National', 'Daily Sabah', 'Deutsche Welle', 'France 24',
] as const;

export const SAID_VERBS = ['said', 'told reporters', 'announced', 'stressed', 'warned', 'confirmed', 'insisted', 'noted'] as const;

export const ACTION_VERBS = [
  'approved', 'rejected', 'suspended', 'extended', 'signed', 'cancelled', 'postponed', 'launched', 'expanded', 'reviewed',
  'criticised', 'welcomed', 'delayed', 'announced', 'finalised', 'blocked',
] as const;

export const UNITS = [
  'people', 'families', 'trucks', 'tonnes of wheat', 'barrels a day', 'megawatts', 'soldiers', 'civilians', 'doctors',
  'schools', 'homes', 'jobs', 'containers', 'flights', 'patients', 'students', 'protesters', 'detainees',
] as const;

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** Syllables of the generated long-tail words (project names, companies, villages). */
export const SYLLABLES = [
  'ka', 'ro', 'mi', 'tan', 'vel', 'dor', 'sa', 'lun', 'bri', 'ost', 'ne', 'ga', 'zur', 'pel', 'ith', 'mar', 'qu', 'en',
  'fa', 'lo', 'ser', 'vin', 'ta', 'rek', 'ul', 'mo', 'has', 'ber', 'ci', 'dan', 'or', 'yel', 'kor', 'na', 'sib', 'ath',
] as const;
