import {
  Alert,
  Col,
  Form,
  type FormInstance,
  Input,
  Radio,
  Row,
  Select,
  Space,
  TreeSelect,
  Typography,
} from 'antd';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import {
  type CatalogStandard,
  elementByName,
  highestGrade,
  OPEN_TYPES,
  SHARE_TYPES,
  termTree,
} from '../../../lib/catalog.ts';
import { GradeTag } from './EntryTags.tsx';
import type { EntryFormValues, ItemRow } from './entryForm.ts';

type EntryForm = FormInstance<EntryFormValues>;

const hint = (text: React.ReactNode) => (
  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
    {text}
  </Typography.Text>
);

/** 基本信息: name, summary, 分类码 (目/细目 only), group, format, update frequency (Art. 13). */
export function BasicSection({
  standard: s,
  classLocked,
}: {
  standard: CatalogStandard;
  classLocked: boolean;
}) {
  const classTree = termTree(s.classes, { withCode: true, selectable: (t) => t.code.length >= 6 });
  const groupTree = termTree(s.groups);
  const simple = (list: CatalogStandard['formats']) => list.map((t) => ({ value: t.code, label: t.name }));
  return (
    <Row gutter={24}>
      <Col xs={24} lg={12}>
        <Form.Item
          name="name"
          label="目录名称"
          rules={[
            { required: true, whitespace: true, message: '请填写目录名称' },
            { max: 100, message: '目录名称不得超过100字' },
          ]}
        >
          <Input placeholder="如 户籍人口基本信息" maxLength={100} showCount />
        </Form.Item>
      </Col>
      <Col xs={24} lg={12}>
        <Form.Item
          name="classificationCode"
          label="资源分类"
          rules={[{ required: true, message: '请选择分类（目或细目）' }]}
          extra={
            classLocked
              ? '已提交审核的目录不能更改分类码（资源代码含分类码）'
              : '类 / 项 / 目（细目），目录归入“目”或“细目”'
          }
        >
          <TreeSelect
            treeData={classTree}
            disabled={classLocked}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            placeholder="输入分类码或名称查找"
            listHeight={360}
            aria-label="资源分类"
          />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name="summary"
          label="摘要"
          rules={[{ required: true, whitespace: true, message: '请填写目录摘要' }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            placeholder="说明数据的内容、来源、采集依据和用途"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="groupCode" label="目录分组" rules={[{ required: true, message: '请选择目录分组' }]}>
          <TreeSelect
            treeData={groupTree}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            listHeight={360}
            placeholder="基础库、主题库或部门目录"
            aria-label="目录分组"
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name="formatCode" label="资源格式" rules={[{ required: true, message: '请选择资源格式' }]}>
          <Select options={simple(s.formats)} placeholder="库表、文件或接口" aria-label="资源格式" />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item
          name="frequencyCode"
          label="更新频率"
          rules={[{ required: true, message: '请选择更新频率' }]}
        >
          <Select options={simple(s.frequencies)} placeholder="更新频率" aria-label="更新频率" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 共享属性 (Art. 21): conditional sharing states its scope/purpose, not sharing cites the law. */
export function ShareSection({ form }: { form: EntryForm }) {
  const type = Form.useWatch('shareType', form);
  const scope = Form.useWatch(['shareConditions', 'scope'], form);
  const purpose = Form.useWatch(['shareConditions', 'purpose'], form);
  return (
    <>
      <Form.Item name="shareType" label="共享类型" rules={[{ required: true, message: '请选择共享类型' }]}>
        <Radio.Group options={SHARE_TYPES.map((t) => ({ value: t, label: t }))} />
      </Form.Item>
      {type === '有条件共享' && (
        <>
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item name={['shareConditions', 'scope']} label="共享范围">
                <Input.TextArea rows={2} maxLength={500} placeholder="如 仅限本省公安、民政部门" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['shareConditions', 'purpose']} label="使用用途">
                <Input.TextArea rows={2} maxLength={500} placeholder="如 仅用于户籍核验和社会救助审核" />
              </Form.Item>
            </Col>
          </Row>
          {!scope?.trim() && !purpose?.trim() && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={
                <span>
                  未填写共享范围或用途的，保存时按无条件共享处理（
                  <ArticleRef article="Art. 21" />
                  ）。
                </span>
              }
            />
          )}
        </>
      )}
      {type === '不予共享' && (
        <Form.Item
          name="shareLegalBasis"
          label="不予共享的法律依据"
          rules={[
            { required: true, whitespace: true, message: '不予共享须注明法律、行政法规或国家有关规定' },
          ]}
          extra={hint(
            <span>
              列入不予共享类的，应当有法律、行政法规或者国家有关规定作为依据（
              <ArticleRef article="Art. 21" />）
            </span>,
          )}
        >
          <Input.TextArea rows={2} maxLength={1000} placeholder="写明法律法规名称及条款" />
        </Form.Item>
      )}
    </>
  );
}

/** What the items say about the entry: the strictest grade (Art. 14) and whether they hold PI (Art. 33). */
export function useItemFacts(form: EntryForm, s: CatalogStandard) {
  const items = (Form.useWatch('items', form) ?? []) as ItemRow[];
  const codes = items.map((it) => {
    if (it?.grade) return it.grade;
    const e = it?.dataElementId
      ? s.elements.find((x) => x.id === it.dataElementId)
      : elementByName(s.elements, it?.name);
    return e?.defaultGrade ?? null;
  });
  const hasPi = items.some(
    (it) => it?.piKind || (!it?.dataElementId && elementByName(s.elements, it?.name)?.piKind),
  );
  return { grade: highestGrade(codes, s.grades), hasPi, count: items.length };
}

/** 开放属性 (Art. 33): conditions for conditional opening, a reason for not opening, PI consent. */
export function OpenSection({ form, standard: s }: { form: EntryForm; standard: CatalogStandard }) {
  const type = Form.useWatch('openType', form);
  const { grade, hasPi } = useItemFacts(form, s);
  const core = grade?.code === 'core';
  return (
    <>
      {(hasPi || core) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <Space orientation="vertical" size={2}>
              {hasPi && (
                <span>
                  含个人信息数据项：默认不予开放；确需开放的，应记录个人同意的依据（
                  <ArticleRef article="Art. 33" />
                  ）。未选择开放类型的，保存时按不予开放处理。
                </span>
              )}
              {core && (
                <span>
                  含核心级数据项，目录整体为核心数据，不得无条件开放（
                  <ArticleRef article="Art. 14" />
                  ）。
                </span>
              )}
            </Space>
          }
        />
      )}
      <Form.Item
        name="openType"
        label="开放类型"
        rules={[{ required: !hasPi, message: '请选择开放类型（第三十三条）' }]}
      >
        <Radio.Group
          options={OPEN_TYPES.map((t) => ({ value: t, label: t, disabled: core && t === '无条件开放' }))}
        />
      </Form.Item>
      {type === '有条件开放' && (
        <Form.Item
          name="openConditions"
          label="开放条件"
          rules={[{ required: true, whitespace: true, message: '有条件开放须注明开放条件（第三十三条）' }]}
        >
          <Input.TextArea rows={2} maxLength={1000} placeholder="如 申请人须说明用途并签署数据使用协议" />
        </Form.Item>
      )}
      {type === '不予开放' && (
        <Form.Item
          name="openReason"
          label="不予开放理由"
          rules={[{ required: true, whitespace: true, message: '不予开放须注明理由（第三十三条）' }]}
        >
          <Input.TextArea rows={2} maxLength={1000} placeholder="如 涉及个人隐私" />
        </Form.Item>
      )}
      {hasPi && (
        <Form.Item
          name={['piConsent', 'basis']}
          label="个人信息同意依据"
          extra={hint('开放含个人信息的数据时必填：个人同意的方式、范围和记录位置')}
        >
          <Input.TextArea rows={2} maxLength={1000} placeholder="开放时填写" />
        </Form.Item>
      )}
    </>
  );
}

/** The computed grade of the entry, live from the items (Art. 14 就高从严). */
export function GradeSummary({ form, standard: s }: { form: EntryForm; standard: CatalogStandard }) {
  const { grade, count, hasPi } = useItemFacts(form, s);
  return (
    <Space size={8} wrap>
      <span>目录分级：</span>
      {grade ? (
        <GradeTag code={grade.code} grades={s.grades} computed />
      ) : (
        <Typography.Text type="secondary">待定</Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        按 {count} 个数据项就高从严（
        <ArticleRef article="Art. 14" />）{hasPi ? '，含个人信息' : ''}
      </Typography.Text>
    </Space>
  );
}
