export interface PolicyCheck {
  key: string;
  label: string;
  ok: boolean;
}

export function characterClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** Mirrors the server policy: ≥ 10 characters, ≥ 3 of 4 classes, must not contain the username. */
export function checkPassword(password: string, username: string | undefined): PolicyCheck[] {
  const classes = characterClasses(password);
  const containsName = Boolean(username) && password.toLowerCase().includes(username!.toLowerCase());
  return [
    { key: 'length', label: `长度不少于 10 位（当前 ${password.length} 位）`, ok: password.length >= 10 },
    {
      key: 'classes',
      label: `大写字母、小写字母、数字、符号至少包含 3 类（当前 ${classes} 类）`,
      ok: classes >= 3,
    },
    {
      key: 'username',
      label: username ? `不得包含用户名“${username}”` : '不得包含用户名',
      ok: password.length > 0 && !containsName,
    },
  ];
}
