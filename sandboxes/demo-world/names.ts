export const FIRST_NAMES = [
  'Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Maya',
  'Noah', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe',
  'Amara', 'Bruno', 'Carmen', 'Diego', 'Emil', 'Fatima', 'Gabriel', 'Hana', 'Ivan', 'Julia', 'Kofi', 'Lena',
] as const;

export const LAST_NAMES = [
  'Okafor', 'Schmidt', 'Nakamura', 'Garcia', 'Kowalski', 'Haddad', 'Johansson', 'Patel', 'Rossi', 'Dubois',
  'Moreau', 'Silva', 'Novak', 'Kim', 'Larsen', 'Mensah', 'Ivanova', 'Fernandes', 'Bauer', 'Chen', 'Walsh',
  'Ahmed', 'Costa', 'Lindqvist', 'Murphy', 'Tanaka', 'Reyes', 'Olsen', 'Brooks', 'Varga',
] as const;

export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example'] as const;

/** US area codes inside the 555 fictional exchange keep every demo number unroutable. */
export const AREA_CODES = ['212', '312', '415', '503', '617', '650', '720', '808'] as const;

export const TIME_ZONES = [
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Europe/Berlin',
  'Europe/London', 'Asia/Tokyo',
] as const;
