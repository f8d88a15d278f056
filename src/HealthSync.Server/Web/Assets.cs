namespace HealthSync.Server.Web;

/// <summary>The one style sheet and the one small script, served from the binary (no build step, no inline code for the CSP to allow).</summary>
internal static class Assets
{
    private const string Css = """
        :root{color-scheme:light dark;font-family:system-ui,-apple-system,sans-serif;line-height:1.45}
        body{margin:0}header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem 1rem;border-bottom:1px solid #8884}
        nav{display:flex;flex-wrap:wrap;gap:.3rem .8rem;flex:1}nav a[aria-current]{font-weight:bold}
        main{max-width:52rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem}
        form{margin:.5rem 0}label{display:block;margin:.4rem 0}input[type=text],input[type=password],input[type=url],select{font:inherit;padding:.4rem;width:100%;max-width:26rem;box-sizing:border-box}
        button{font:inherit;padding:.45rem 1rem;cursor:pointer}button.link{background:none;border:none;padding:0;text-decoration:underline;color:inherit}
        table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem;border-bottom:1px solid #8883;vertical-align:top}
        .note{color:#888;font-size:.9em}.error{color:#c22}.notice{color:#282}.failed{color:#c22}.uploaded{color:#282}
        .actions{display:flex;flex-wrap:wrap;gap:.3rem}.actions form{margin:0}button.secondary{padding:.2rem .6rem;font-size:.9em}.forgotten{opacity:.7}
        pre,code{background:#8881;padding:.1rem .3rem;border-radius:3px;overflow-wrap:anywhere;white-space:pre-wrap}
        progress{width:100%;max-width:26rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:bold}
        @media (max-width:600px){dl{grid-template-columns:1fr}thead{display:none}td{display:block;border:none;padding:.1rem}tr{display:block;border-bottom:1px solid #8884;padding:.4rem 0}}
        """;

    // Live progress on the status and backfill preview pages (server-sent events; the preview's stream says "ready"
    // when its result is there, and the page reloads to show it), and copy buttons on the phone setup page.
    private const string Script = """
        (function(){
          var job=document.getElementById('job');
          if(job&&window.EventSource){
            var bar=document.getElementById('job-bar'),last=document.getElementById('last');
            var events=new EventSource(job.getAttribute('data-events')||'/events');
            events.addEventListener('ready',function(){events.close();location.reload()});
            events.onmessage=function(e){var s=JSON.parse(e.data);job.textContent=s.line;
              if(bar){if(s.total>0){bar.max=s.total;bar.value=s.done;bar.hidden=false}else{bar.hidden=true}}
              if(last&&s.last){last.textContent=s.last}};
          }
          document.querySelectorAll('button[data-copy]').forEach(function(b){b.addEventListener('click',function(){
            var t=document.getElementById(b.getAttribute('data-copy'));if(t&&navigator.clipboard){navigator.clipboard.writeText(t.textContent);b.textContent='Copied'}})});
        })();
        """;

    public static void Map(WebApplication app)
    {
        app.MapGet("/app.css", () => Results.Text(Css, "text/css; charset=utf-8"));
        app.MapGet("/app.js", () => Results.Text(Script, "text/javascript; charset=utf-8"));
    }
}
