/**
 * Realistic message bodies: 30–60 words of English, French or Arabic from the domain's own vocabulary, so the
 * search index makes as many real tokens per message as it would in use.
 */
const WORDS = {
  en: `request assistance extradition warrant suspect transfer evidence hearing prosecutor court authority
    central competent urgent deadline documents translation summary witness statement bank records seizure
    freezing order confirm receipt please attached reference number file meeting tomorrow colleague office
    ministry justice police liaison cooperation criminal matters mutual legal follow update status decision
    the of and to in for with on by we will have been our your this that`,
  fr: `demande entraide extradition mandat suspect transfert preuves audience procureur tribunal autorité
    centrale compétente urgent délai documents traduction résumé témoin déclaration relevés bancaires saisie
    gel ordonnance confirmer réception veuillez trouver ci-joint référence dossier réunion demain collègue
    bureau ministère justice police coopération pénale matière judiciaire suivi décision le la les de des et
    pour avec dans nous vous avons été notre votre cette`,
  ar: `طلب مساعدة تسليم مذكرة مشتبه نقل أدلة جلسة المدعي المحكمة السلطة المركزية المختصة عاجل موعد وثائق
    ترجمة ملخص شاهد إفادة سجلات مصرفية حجز تجميد أمر تأكيد استلام يرجى مرفق رقم مرجع ملف اجتماع غدا زميل
    مكتب وزارة العدل الشرطة تعاون جنائية مسائل قانونية متبادلة متابعة تحديث حالة قرار في من إلى على مع هذا
    نحن سوف تم`,
};
const LISTS = Object.values(WORDS).map((words) => words.split(/\s+/).filter((word) => word.length > 0));

/** A message of `min`–`max` words (30–60 by default) in one of the three languages. */
export function messageText(min = 30, max = 60, random: () => number = Math.random): string {
  const words = LISTS[Math.floor(random() * LISTS.length)];
  const count = min + Math.floor(random() * (max - min + 1));
  return Array.from({ length: count }, () => words[Math.floor(random() * words.length)]).join(' ');
}
