export function PortalFooter() {
  return (
    <footer style={{ background: '#0f2a52', color: 'rgba(255,255,255,0.75)', marginTop: 48 }}>
      <div
        style={{ maxWidth: 1200, margin: '0 auto', padding: '28px 24px', fontSize: 13, lineHeight: '24px' }}
      >
        <div>主办单位：黑龙江省政务数据主管部门</div>
        <div style={{ color: 'rgba(255,255,255,0.5)' }}>
          本平台依法向社会开放公共数据。使用开放数据请遵守相关法律法规及数据开放协议。
        </div>
      </div>
    </footer>
  );
}
